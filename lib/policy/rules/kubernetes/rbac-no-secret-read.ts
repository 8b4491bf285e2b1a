import { rbacRules } from "../../rbac";
import { COMPLIANT, defineRule, nonCompliant } from "../../rule";

/** GITOPS-RBAC-3: no cluster-wide secret reads. */
export const rbacNoSecretRead = defineRule({
  target: "kubernetes",
  id: "GITOPS-RBAC-3",
  checkov: "CKV2_K8S_5",
  severity: "error",
  kinds: ["ClusterRole"],
  what: "The cluster role cannot get, list or watch Secrets.",
  why: "Reading Secrets cluster-wide reads every namespace's credentials, including the sync engine's Git credentials.",
  fix: "Grant Secret access with a Role in the one namespace that needs it, or use the Secrets Store CSI driver.",
  evaluate: (object) => {
    const reads = rbacRules(object).some(
      (rule) => (rule.apiGroups.includes("") || rule.apiGroups.length === 0) && rule.resources.includes("secrets") && rule.verbs.some((v) => ["get", "list", "watch"].includes(v)),
    );
    return reads ? nonCompliant("grants read access to secrets in every namespace") : COMPLIANT;
  },
});
