import { defineRule } from "../../rule";
import { checkAttribute, lookup } from "../../terraform-values";

/** GITOPS-KV-4: Azure RBAC instead of access policies. */
export const keyVaultRbac = defineRule({
  target: "terraform",
  id: "GITOPS-KV-4",
  severity: "error",
  resourceTypes: ["azurerm_key_vault"],
  what: "The Key Vault uses Azure RBAC for data-plane authorization, not access policies.",
  why: "Access policies are all-or-nothing per vault and invisible to role-assignment reviews; RBAC scopes each app to its own secrets' role.",
  fix: "Keep the KeyVault default (rbac_authorization_enabled = true).",
  evaluate: (resource) => {
    // azurerm 4.x names the attribute rbac_authorization_enabled; older configurations use enable_rbac_authorization.
    const path = lookup(resource.body, "rbac_authorization_enabled") === undefined && lookup(resource.body, "enable_rbac_authorization") !== undefined ? "enable_rbac_authorization" : "rbac_authorization_enabled";
    return checkAttribute(resource.body, path, (v) => v === true, { expected: "true", providerDefault: false });
  },
});
