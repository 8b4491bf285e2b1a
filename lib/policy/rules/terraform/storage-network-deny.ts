import { COMPLIANT, defineRule } from "../../rule";
import { expectEquals, lookup } from "../../terraform-values";

/** GITOPS-ST-4: the storage firewall denies by default. */
export const storageNetworkDeny = defineRule({
  target: "terraform",
  id: "GITOPS-ST-4",
  checkov: "CKV_AZURE_35",
  severity: "error",
  resourceTypes: ["azurerm_storage_account"],
  what: "The storage account's network rules deny by default (or public network access is off).",
  why: "Terraform state holds every secret Terraform has seen; it should be reachable only from the runners and operators named in the spec.",
  fix: "Set remoteState.allowedIpRanges (the CI runners' and operators' ranges) in the platform spec.",
  evaluate: (resource) =>
    lookup(resource.body, "public_network_access_enabled") === false ? COMPLIANT : expectEquals(resource.body, "network_rules.default_action", "Deny"),
});
