import { defineRule } from "../../rule";
import { listOf, onPod, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-23: no hostPath volumes. */
export const podNoHostPath = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-23",
  checkov: "CKV_K8S_27",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "The pod mounts no hostPath volume (such as the container runtime socket).",
  why: "A hostPath mount reaches the node's filesystem; the runtime socket in particular is full control of the node.",
  fix: "Use emptyDir, a ConfigMap, a CSI volume or a persistent volume instead.",
  evaluate: (object) =>
    onPod(object, (pod) => {
      const host = listOf(pod, "volumes").filter((v) => (v as Record<string, unknown>).hostPath !== undefined).map((v) => String((v as Record<string, unknown>).name));
      return host.length === 0 ? undefined : `mounts hostPath volumes ${host.join(", ")}`;
    }),
});
