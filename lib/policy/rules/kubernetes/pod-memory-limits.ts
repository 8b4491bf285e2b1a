import { defineRule } from "../../rule";
import { eachContainer, fieldOf, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-9: memory limit are set. */
export const podMemoryLimits = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-9",
  checkov: "CKV_K8S_13",
  severity: "warning",
  kinds: WORKLOAD_KINDS,
  what: "Every container sets a memory limit.",
  why: "Without a memory limit one leaking pod takes the node's memory and other tenants' pods are killed (CPU limits are left out on purpose: they throttle, memory cannot be throttled).",
  fix: "Set resources.limits.memory for the app (the library's apps always have one).",
  evaluate: (object) => eachContainer(object, (c) => (fieldOf(fieldOf(c, "resources"), "limits").memory !== undefined ? undefined : "has no memory limit"), "main"),
});
