import { defineRule } from "../../rule";
import { checkAttribute } from "../../terraform-values";

/** GITOPS-ST-6: more than local redundancy. */
export const storageReplication = defineRule({
  target: "terraform",
  id: "GITOPS-ST-6",
  checkov: "CKV_AZURE_206",
  severity: "warning",
  resourceTypes: ["azurerm_storage_account"],
  what: "The storage account replicates beyond one datacenter (ZRS, GRS, RAGRS, GZRS or RAGZRS).",
  why: "Locally redundant storage loses Terraform state with the datacenter it lives in.",
  fix: "Keep the RemoteStateStorage default (ZRS) or choose a geo-redundant replication type.",
  evaluate: (resource) =>
    checkAttribute(resource.body, "account_replication_type", (v) => ["ZRS", "GRS", "RAGRS", "GZRS", "RAGZRS"].includes(String(v)), { expected: "ZRS, GRS, RAGRS, GZRS or RAGZRS" }),
});
