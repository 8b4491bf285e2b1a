import { defineRule } from "../../rule";
import { onPod, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-15: no hostNetwork. */
export const podNoHostNetwork = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-15",
  checkov: "CKV_K8S_19",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "The pod does not share the host's network namespace (hostNetwork).",
  why: "On the host network a pod sees every node interface, bypasses NetworkPolicies and can bind node ports.",
  fix: "Remove hostNetwork from the pod spec.",
  evaluate: (object) => onPod(object, (pod) => (pod.hostNetwork === true ? "sets hostNetwork: true" : undefined)),
});
