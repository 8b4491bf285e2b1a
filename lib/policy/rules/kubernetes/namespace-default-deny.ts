import { COMPLIANT, defineRule, nonCompliant, PolicyKubernetesObject } from "../../rule";
import { fieldOf, listOf } from "../../kubernetes-values";

/** True when the object is a NetworkPolicy that selects every pod of `namespace` and admits no ingress. */
function isDefaultDenyIngress(object: PolicyKubernetesObject, namespace: string): boolean {
  if (object.kind !== "NetworkPolicy" || object.metadata.namespace !== namespace) return false;
  const spec = fieldOf(object, "spec");
  const selectsAll = Object.keys(fieldOf(spec, "podSelector")).length === 0;
  const types = listOf(spec, "policyTypes");
  return selectsAll && (types.length === 0 || types.includes("Ingress")) && listOf(spec, "ingress").length === 0;
}

/** GITOPS-NS-2: every namespace denies ingress by default. */
export const namespaceDefaultDeny = defineRule({
  target: "kubernetes",
  id: "GITOPS-NS-2",
  checkov: "CKV2_K8S_6",
  severity: "error",
  kinds: ["Namespace"],
  what: "A NetworkPolicy written with the namespace selects all its pods and admits no ingress (default deny); allows are explicit.",
  why: "Without it every pod in the cluster can reach every port of the namespace's pods.",
  fix: "Keep the library's default-deny and allow policies; write them beside the namespace.",
  evaluate: (object, context) =>
    context.objects.some((other) => isDefaultDenyIngress(other, object.metadata.name))
      ? COMPLIANT
      : nonCompliant(`no default-deny ingress NetworkPolicy is written for namespace "${object.metadata.name}"`),
});
