import { defineRule } from "../../rule";
import { eachContainer, fieldOf, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-8: memory request are set. */
export const podMemoryRequests = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-8",
  checkov: "CKV_K8S_12",
  severity: "warning",
  kinds: WORKLOAD_KINDS,
  what: "Every container sets a memory request.",
  why: "Without a memory request the scheduler overcommits nodes and the pod is among the first evicted under pressure.",
  fix: "Set resources.requests.memory for the app (the library's apps always have one).",
  evaluate: (object) => eachContainer(object, (c) => (fieldOf(fieldOf(c, "resources"), "requests").memory !== undefined ? undefined : "has no memory request"), "main"),
});
