import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE } from "../../rule";
import { fieldOf } from "../../kubernetes-values";

/** GITOPS-FLUXK-1: Flux Kustomization objects prune. */
export const fluxKustomizationPrune = defineRule({
  target: "kubernetes",
  id: "GITOPS-FLUXK-1",
  severity: "error",
  kinds: ["Kustomization"],
  what: "A Flux Kustomization (kustomize.toolkit.fluxcd.io) has prune: true.",
  why: "Without prune objects removed from Git keep running, and a rollback leaves newer objects behind.",
  fix: "Set spec.prune: true (the library's Flux configuration prunes by default).",
  evaluate: (object) => {
    if (!object.apiVersion.startsWith("kustomize.toolkit.fluxcd.io/")) return NOT_APPLICABLE;
    return fieldOf(object, "spec").prune === true ? COMPLIANT : nonCompliant("spec.prune is not true");
  },
});
