import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf } from "../../kubernetes-values";

/** GITOPS-ARGO-1: Argo CD applications sync automatically with prune. */
export const argoApplicationPrune = defineRule({
  target: "kubernetes",
  id: "GITOPS-ARGO-1",
  severity: "error",
  kinds: ["Application"],
  what: "The Argo CD Application syncs automatically with prune and self-heal.",
  why: "Without prune objects removed from Git keep running; without self-heal a manual change stays until the next commit, so the cluster drifts from Git.",
  fix: "Keep the ArgoCdSync defaults (prune and selfHeal on).",
  evaluate: (object) => {
    const automated = fieldOf(fieldOf(fieldOf(object, "spec"), "syncPolicy"), "automated");
    const off = (["prune", "selfHeal"] as const).filter((field) => automated[field] !== true);
    return off.length === 0 ? COMPLIANT : nonCompliant(`syncPolicy.automated has ${off.join(" and ")} off`);
  },
});
