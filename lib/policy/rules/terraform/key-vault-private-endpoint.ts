import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { referrers } from "../../terraform-values";

/** GITOPS-KV-6: a private endpoint for the vault. */
export const keyVaultPrivateEndpoint = defineRule({
  target: "terraform",
  id: "GITOPS-KV-6",
  checkov: "CKV2_AZURE_32",
  severity: "warning",
  resourceTypes: ["azurerm_key_vault"],
  what: "A private endpoint in the same stack connects to the Key Vault.",
  why: "The cluster then reads secrets over the virtual network, and the public endpoint can be switched off.",
  fix: "Enable the environment's private endpoints (the prod tier default).",
  evaluate: (resource, context) =>
    referrers(context, "azurerm_private_endpoint", "private_service_connection.private_connection_resource_id", resource).length > 0
      ? COMPLIANT
      : nonCompliant("no private endpoint connects to this vault"),
});
