import { defineRule } from "../../rule";
import { eachContainer, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-11: readiness probes. */
export const podReadinessProbe = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-11",
  checkov: "CKV_K8S_9",
  severity: "warning",
  kinds: WORKLOAD_KINDS.filter((kind) => kind !== "Job" && kind !== "CronJob"),
  what: "Every long-running container has a readiness probe.",
  why: "Without a readiness probe traffic reaches pods before they can serve, and rollouts report healthy too early.",
  fix: "Set the app's health check (the library derives the probes from it).",
  evaluate: (object) => eachContainer(object, (c) => (c.readinessProbe !== undefined ? undefined : "has no readiness probe"), "main"),
});
