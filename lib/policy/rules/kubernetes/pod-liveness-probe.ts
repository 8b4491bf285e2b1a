import { defineRule } from "../../rule";
import { eachContainer, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-10: liveness probes. */
export const podLivenessProbe = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-10",
  checkov: "CKV_K8S_8",
  severity: "warning",
  kinds: WORKLOAD_KINDS.filter((kind) => kind !== "Job" && kind !== "CronJob"),
  what: "Every long-running container has a liveness probe.",
  why: "A hung process that never exits is never restarted without a liveness probe.",
  fix: "Set the app's health check (the library derives the probes from it).",
  evaluate: (object) => eachContainer(object, (c) => (c.livenessProbe !== undefined ? undefined : "has no liveness probe"), "main"),
});
