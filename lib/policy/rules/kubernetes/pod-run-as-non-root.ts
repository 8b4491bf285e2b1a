import { defineRule } from "../../rule";
import { eachContainer, securityField, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-1: containers run as non-root. */
export const podRunAsNonRoot = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-1",
  checkov: "CKV_K8S_23",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "Every container runs with runAsNonRoot: true (its own or the pod's security context).",
  why: "A root process in a container is root on the node after any container escape, and can write to whatever the node mounts.",
  fix: "Keep the app defaults (runAsNonRoot with a numeric user); build images that run as a non-root user.",
  evaluate: (object) => eachContainer(object, (c, pod) => (securityField(pod, c, "runAsNonRoot") === true ? undefined : "does not set runAsNonRoot: true")),
});
