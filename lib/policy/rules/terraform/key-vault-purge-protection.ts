import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-KV-1: purge protection. */
export const keyVaultPurgeProtection = defineRule({
  target: "terraform",
  id: "GITOPS-KV-1",
  checkov: "CKV_AZURE_110",
  severity: "error",
  resourceTypes: ["azurerm_key_vault"],
  what: "The Key Vault has purge protection on.",
  why: "Without it a deleted vault or secret can be purged at once, by mistake or by an attacker, with no way back.",
  fix: "Keep the KeyVault default (purge_protection_enabled = true).",
  evaluate: (resource) => expectEquals(resource.body, "purge_protection_enabled", true, false),
});
