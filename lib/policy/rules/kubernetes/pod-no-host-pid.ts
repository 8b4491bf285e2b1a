import { defineRule } from "../../rule";
import { onPod, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-16: no hostPID. */
export const podNoHostPid = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-16",
  checkov: "CKV_K8S_17",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "The pod does not share the host's process ID namespace (hostPID).",
  why: "Sharing the host PID namespace lets the pod see and signal every process on the node.",
  fix: "Remove hostPID from the pod spec.",
  evaluate: (object) => onPod(object, (pod) => (pod.hostPID === true ? "sets hostPID: true" : undefined)),
});
