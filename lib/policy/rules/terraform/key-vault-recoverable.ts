import { defineRule } from "../../rule";
import { expectAtLeast } from "../../terraform-values";

/** GITOPS-KV-2: soft delete long enough to notice. */
export const keyVaultRecoverable = defineRule({
  target: "terraform",
  id: "GITOPS-KV-2",
  checkov: "CKV_AZURE_42",
  severity: "warning",
  resourceTypes: ["azurerm_key_vault"],
  what: "Deleted Key Vault objects stay recoverable for at least 30 days.",
  why: "A short soft-delete window can end before anyone notices a deletion.",
  fix: "Keep the KeyVault default (soft_delete_retention_days = 90).",
  evaluate: (resource) => expectAtLeast(resource.body, "soft_delete_retention_days", 30, 90),
});
