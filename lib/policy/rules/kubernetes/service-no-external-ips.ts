import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf, listOf } from "../../kubernetes-values";

/** GITOPS-SVC-2: no externalIPs (CVE-2020-8554). */
export const serviceNoExternalIps = defineRule({
  target: "kubernetes",
  id: "GITOPS-SVC-2",
  severity: "error",
  kinds: ["Service"],
  what: "The Service sets no externalIPs.",
  why: "externalIPs let a Service capture traffic for any address in the cluster (CVE-2020-8554, a man-in-the-middle that cannot be patched).",
  fix: "Remove externalIPs; use the ingress or a LoadBalancer service.",
  evaluate: (object) => (listOf(fieldOf(object, "spec"), "externalIPs").length === 0 ? COMPLIANT : nonCompliant("sets externalIPs")),
});
