import { defineRule } from "../../rule";
import { allOf, expectAtLeast } from "../../terraform-values";

/** GITOPS-ST-7: deleted blobs and containers are recoverable. */
export const storageSoftDelete = defineRule({
  target: "terraform",
  id: "GITOPS-ST-7",
  checkov: "CKV2_AZURE_38",
  severity: "warning",
  resourceTypes: ["azurerm_storage_account"],
  what: "Blob and container soft delete keep deleted data for at least 7 days.",
  why: "A deleted or overwritten state file can otherwise not be recovered, and Terraform would try to recreate every resource.",
  fix: "Keep the RemoteStateStorage default (30 days of blob and container soft delete, with versioning).",
  evaluate: (resource) =>
    allOf(
      expectAtLeast(resource.body, "blob_properties.delete_retention_policy.days", 7),
      expectAtLeast(resource.body, "blob_properties.container_delete_retention_policy.days", 7),
    ),
});
