import { rbacRules, ROLE_KINDS } from "../../rbac";
import { COMPLIANT, defineRule, nonCompliant } from "../../rule";

const VERBS = ["escalate", "bind", "impersonate"];

/** GITOPS-RBAC-2: no verbs that grant more rights. */
export const rbacNoEscalationVerbs = defineRule({
  target: "kubernetes",
  id: "GITOPS-RBAC-2",
  checkov: "CKV_K8S_158",
  severity: "error",
  kinds: ROLE_KINDS,
  what: "The role grants none of the escalate, bind or impersonate verbs.",
  why: "Each of them lets the holder obtain rights it was not given: edit roles beyond its own, bind any role, or act as another user.",
  fix: "Remove the verbs; only the sync engine's own install needs them.",
  evaluate: (object) => {
    const found = [...new Set(rbacRules(object).flatMap((rule) => rule.verbs.filter((verb) => VERBS.includes(verb))))];
    return found.length === 0 ? COMPLIANT : nonCompliant(`grants ${found.join(", ")}`);
  },
});
