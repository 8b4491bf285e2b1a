import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-KV-3: the vault firewall denies by default. */
export const keyVaultFirewall = defineRule({
  target: "terraform",
  id: "GITOPS-KV-3",
  checkov: "CKV_AZURE_109",
  severity: "error",
  resourceTypes: ["azurerm_key_vault"],
  what: "The Key Vault firewall denies by default (network_acls.default_action = Deny).",
  why: "Secrets should be readable only from the cluster's network and trusted Azure services, not from any network with a stolen token.",
  fix: "Keep the KeyVault default network ACLs (deny, with the node subnet allowed).",
  evaluate: (resource) => expectEquals(resource.body, "network_acls.default_action", "Deny"),
});
