import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf, listOf } from "../../kubernetes-values";

/** GITOPS-ING-1: every ingress host is served over TLS. */
export const ingressTls = defineRule({
  target: "kubernetes",
  id: "GITOPS-ING-1",
  severity: "warning",
  kinds: ["Ingress"],
  what: "Every host of the Ingress is listed in its tls section.",
  why: "A host without TLS serves the app, its cookies and tokens in plain text.",
  fix: "Give the app's ingress a TLS secret for its hosts.",
  evaluate: (object) => {
    const spec = fieldOf(object, "spec");
    const covered = new Set(listOf(spec, "tls").flatMap((tls) => listOf(tls, "hosts").map(String)));
    const hosts = listOf(spec, "rules").map((rule) => (rule as Record<string, unknown>).host);
    const plain = hosts.filter((host) => host === undefined || !covered.has(String(host))).map((host) => String(host ?? "(any host)"));
    return plain.length === 0 ? COMPLIANT : nonCompliant(`hosts without TLS: ${plain.join(", ")}`);
  },
});
