import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf } from "../../kubernetes-values";
import { SECURE_GIT_URL } from "../terraform/flux-secure-source";

/** GITOPS-FLUXK-2: Flux GitRepository objects use HTTPS or SSH. */
export const fluxGitRepositorySecure = defineRule({
  target: "kubernetes",
  id: "GITOPS-FLUXK-2",
  severity: "error",
  kinds: ["GitRepository"],
  what: "A Flux GitRepository's url uses HTTPS or SSH.",
  why: "Over http:// or git:// anyone on the path can change what the cluster applies.",
  fix: "Use the https:// or ssh:// URL of the repository.",
  evaluate: (object) => {
    const url = String(fieldOf(object, "spec").url ?? "");
    return SECURE_GIT_URL.test(url) ? COMPLIANT : nonCompliant(`url "${url}" is neither https nor ssh`);
  },
});
