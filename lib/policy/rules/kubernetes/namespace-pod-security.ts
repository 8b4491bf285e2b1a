import { COMPLIANT, defineRule, nonCompliant } from "../../rule";

/** GITOPS-NS-1: Pod Security Admission enforces a standard. */
export const namespacePodSecurity = defineRule({
  target: "kubernetes",
  id: "GITOPS-NS-1",
  severity: "error",
  kinds: ["Namespace"],
  what: "The namespace enforces the restricted (or baseline) Pod Security Standard (pod-security.kubernetes.io/enforce).",
  why: "Admission then refuses privileged or root pods in the namespace even when they arrive outside GitOps.",
  fix: "Keep the library's namespace labels (enforce: restricted).",
  evaluate: (object) => {
    const labels = (object.metadata.labels ?? {}) as Record<string, unknown>;
    const level = labels["pod-security.kubernetes.io/enforce"];
    return level === "restricted" || level === "baseline" ? COMPLIANT : nonCompliant(`pod-security.kubernetes.io/enforce is ${JSON.stringify(level)}; expected "restricted" or "baseline"`);
  },
});
