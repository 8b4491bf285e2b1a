import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-KV-5: no public endpoint. */
export const keyVaultPublicNetworkDisabled = defineRule({
  target: "terraform",
  id: "GITOPS-KV-5",
  checkov: "CKV_AZURE_189",
  severity: "warning",
  resourceTypes: ["azurerm_key_vault"],
  what: "The Key Vault has public network access disabled (reached through its private endpoint).",
  why: "With the public endpoint off, the firewall rules are not the only thing between the internet and the secrets.",
  fix: "Enable the environment's private endpoints (the prod tier default); other tiers keep the firewall-restricted public endpoint.",
  evaluate: (resource) => expectEquals(resource.body, "public_network_access_enabled", false, true),
});
