import { defineRule } from "../../rule";
import { onPod, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-17: no hostIPC. */
export const podNoHostIpc = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-17",
  checkov: "CKV_K8S_18",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "The pod does not share the host's IPC namespace (hostIPC).",
  why: "Sharing the host IPC namespace lets the pod read other processes' shared memory.",
  fix: "Remove hostIPC from the pod spec.",
  evaluate: (object) => onPod(object, (pod) => (pod.hostIPC === true ? "sets hostIPC: true" : undefined)),
});
