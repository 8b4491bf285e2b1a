import { defineRule } from "../../rule";
import { eachContainer, fieldOf, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-7: cpu request are set. */
export const podCpuRequests = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-7",
  checkov: "CKV_K8S_10",
  severity: "warning",
  kinds: WORKLOAD_KINDS,
  what: "Every container sets a cpu request.",
  why: "Without a CPU request the scheduler packs pods onto nodes that cannot serve them, and the pod is first to be starved.",
  fix: "Set resources.requests.cpu for the app (the library's apps always have one).",
  evaluate: (object) => eachContainer(object, (c) => (fieldOf(fieldOf(c, "resources"), "requests").cpu !== undefined ? undefined : "has no cpu request"), "main"),
});
