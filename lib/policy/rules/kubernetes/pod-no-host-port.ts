import { defineRule } from "../../rule";
import { eachContainer, listOf, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-22: no host ports. */
export const podNoHostPort = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-22",
  checkov: "CKV_K8S_26",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "No container port is bound to a host port.",
  why: "A host port opens the node's own address, outside Services, NetworkPolicies and the ingress.",
  fix: "Expose the port through a Service and the ingress instead.",
  evaluate: (object) =>
    eachContainer(object, (c) => {
      const bound = listOf(c, "ports").filter((p) => (p as Record<string, unknown>).hostPort !== undefined);
      return bound.length === 0 ? undefined : "binds a host port";
    }),
});
