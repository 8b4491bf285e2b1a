import { rbacRules, ROLE_KINDS } from "../../rbac";
import { COMPLIANT, defineRule, nonCompliant } from "../../rule";

/** GITOPS-RBAC-1: no wildcard roles. */
export const rbacNoWildcards = defineRule({
  target: "kubernetes",
  id: "GITOPS-RBAC-1",
  checkov: "CKV_K8S_49",
  severity: "error",
  kinds: ROLE_KINDS,
  what: "No rule of the role uses * for API groups, resources or verbs.",
  why: "A wildcard grants every current and future resource or verb, including ones added by CRDs later.",
  fix: "List the API groups, resources and verbs the component needs.",
  evaluate: (object) => {
    const wild = rbacRules(object).some((rule) => [...rule.apiGroups, ...rule.resources, ...rule.verbs].includes("*"));
    return wild ? nonCompliant("a rule uses a * wildcard") : COMPLIANT;
  },
});
