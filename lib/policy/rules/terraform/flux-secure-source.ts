import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, unresolved } from "../../rule";
import { hasExpression, lookup } from "../../terraform-values";

/** URL schemes that authenticate the server: HTTPS and SSH (also in scp-like form). */
export const SECURE_GIT_URL = /^(https:\/\/|ssh:\/\/|[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:)/;

/** GITOPS-FLUX-2: Flux pulls over an authenticated transport. */
export const fluxSecureSource = defineRule({
  target: "terraform",
  id: "GITOPS-FLUX-2",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_flux_configuration"],
  what: "The Flux configuration's Git or bucket source uses HTTPS or SSH.",
  why: "Over http:// or git:// anyone on the path can change what the cluster applies.",
  fix: "Use the https:// or ssh:// URL of the GitOps repository in the platform spec.",
  evaluate: (resource) => {
    const url = lookup(resource.body, "git_repository.url") ?? lookup(resource.body, "bucket.url");
    if (url === undefined) return NOT_APPLICABLE;
    if (hasExpression(url)) return unresolved(`the source url ${JSON.stringify(url)} is known only at apply time`);
    return SECURE_GIT_URL.test(String(url)) ? COMPLIANT : nonCompliant(`source url "${String(url)}" is neither https nor ssh`);
  },
});
