import { PolicyKubernetesObject } from "./rule";
import { listOf } from "./kubernetes-values";

/** A role's rule as plain lists. */
export interface RbacRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
}

/** The rules of a Role or ClusterRole. */
export function rbacRules(object: PolicyKubernetesObject): RbacRule[] {
  return listOf(object, "rules").map((rule) => ({
    apiGroups: listOf(rule, "apiGroups").map(String),
    resources: listOf(rule, "resources").map(String),
    verbs: listOf(rule, "verbs").map(String),
  }));
}

/** The kinds that hold RBAC rules. */
export const ROLE_KINDS: readonly string[] = ["Role", "ClusterRole"];
