import { COMPLIANT, defineRule, nonCompliant, unresolved } from "../../rule";
import { hasExpression, lookup } from "../../terraform-values";

/** GITOPS-HELM-1: Helm charts are pinned and fetched securely. */
export const helmReleasePinned = defineRule({
  target: "terraform",
  id: "GITOPS-HELM-1",
  severity: "error",
  resourceTypes: ["helm_release"],
  what: "The Helm release pins an exact chart version from an https:// or oci:// repository.",
  why: "An unpinned chart changes what is installed without a change in Git, and a plain-HTTP repository can be tampered with on the way.",
  fix: "Keep the library's pinned chart versions; when overriding, give an exact version.",
  evaluate: (resource) => {
    const version = lookup(resource.body, "version");
    const repository = lookup(resource.body, "repository");
    if (hasExpression(version) || hasExpression(repository)) return unresolved("the chart version or repository is known only at apply time");
    if (typeof version !== "string" || !/^v?\d+\.\d+\.\d+([-+][0-9A-Za-z.-]+)?$/.test(version)) return nonCompliant(`chart version ${JSON.stringify(version)} is not an exact version`);
    if (repository !== undefined && !/^(https|oci):\/\//.test(String(repository))) return nonCompliant(`repository "${String(repository)}" is neither https nor oci`);
    return COMPLIANT;
  },
});
