import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf, listOf } from "../../kubernetes-values";

const ANONYMOUS = ["system:anonymous", "system:unauthenticated", "system:authenticated"];

/** GITOPS-RBAC-4: bindings grant to specific subjects, never cluster-admin. */
export const rbacBindingSubjects = defineRule({
  target: "kubernetes",
  id: "GITOPS-RBAC-4",
  checkov: "CKV_K8S_42",
  severity: "error",
  kinds: ["RoleBinding", "ClusterRoleBinding"],
  what: "The binding does not grant cluster-admin and has no anonymous, all-authenticated or default service account subject.",
  why: "Those subjects reach far more callers than intended, and cluster-admin in a binding from Git hands the whole cluster to a pull request.",
  fix: "Bind a role with the needed rules to the component's own service account.",
  evaluate: (object) => {
    const problems: string[] = [];
    if (fieldOf(object, "roleRef").name === "cluster-admin") problems.push("grants cluster-admin");
    for (const subject of listOf(object, "subjects") as Record<string, unknown>[]) {
      if (ANONYMOUS.includes(String(subject.name))) problems.push(`binds ${String(subject.name)}`);
      if (subject.kind === "ServiceAccount" && subject.name === "default") problems.push("binds a default service account");
    }
    return problems.length === 0 ? COMPLIANT : nonCompliant(problems.join("; "));
  },
});
