import { defineRule, NOT_APPLICABLE } from "../../rule";
import { expectEquals, lookup } from "../../terraform-values";

/** GITOPS-AKS-7: the Secrets Store CSI driver rotates secrets. */
export const aksSecretRotation = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-7",
  checkov: "CKV_AZURE_172",
  severity: "warning",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The Key Vault secrets provider add-on rotates mounted secrets.",
  why: "Without rotation a secret changed or revoked in Key Vault stays in the pods until they restart.",
  fix: "Keep the AksCluster default (key_vault_secrets_provider.secret_rotation_enabled = true).",
  evaluate: (resource) =>
    lookup(resource.body, "key_vault_secrets_provider") === undefined
      ? NOT_APPLICABLE
      : expectEquals(resource.body, "key_vault_secrets_provider.secret_rotation_enabled", true, false),
});
