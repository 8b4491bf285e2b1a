import { COMPLIANT, defineRule, nonCompliant } from "../../rule";

/** GITOPS-ING-2: no configuration snippets (CVE-2021-25742). */
export const ingressNoSnippets = defineRule({
  target: "kubernetes",
  id: "GITOPS-ING-2",
  checkov: "CKV_K8S_153",
  severity: "error",
  kinds: ["Ingress"],
  what: "The Ingress has no NGINX snippet annotations (configuration-snippet, server-snippet, ...).",
  why: "Snippets inject raw NGINX configuration into the shared controller: any namespace can read the controller's service account token (CVE-2021-25742).",
  fix: "Use the supported annotations instead of snippets.",
  evaluate: (object) => {
    const snippets = Object.keys((object.metadata.annotations ?? {}) as Record<string, unknown>).filter((key) => key.endsWith("-snippet"));
    return snippets.length === 0 ? COMPLIANT : nonCompliant(`has snippet annotations ${snippets.join(", ")}`);
  },
});
