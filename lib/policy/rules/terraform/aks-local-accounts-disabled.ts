import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-AKS-1: no local cluster accounts. */
export const aksLocalAccountsDisabled = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-1",
  checkov: "CKV_AZURE_141",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The AKS cluster has local accounts disabled, so every access goes through Azure AD.",
  why: "A local admin kubeconfig bypasses Azure AD sign-in, conditional access and per-person audit, and cannot be revoked per person.",
  fix: "Keep the AksCluster default (local_account_disabled = true).",
  evaluate: (resource) => expectEquals(resource.body, "local_account_disabled", true, false),
});
