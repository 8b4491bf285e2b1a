import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { blocks } from "../../terraform-values";

/** GITOPS-FLUX-1: prune on for every Flux kustomization. */
export const fluxPrune = defineRule({
  target: "terraform",
  id: "GITOPS-FLUX-1",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_flux_configuration"],
  what: "Every kustomization of the Flux configuration prunes (garbage_collection_enabled = true).",
  why: "Without pruning, objects removed from Git keep running: a rollback or a removed app leaves its old objects behind, and the cluster drifts from Git.",
  fix: "Keep the FluxGitOps default (prune on; azurerm's own default is off).",
  evaluate: (resource) => {
    const kustomizations = blocks(resource.body, "kustomizations");
    if (kustomizations.length === 0) return nonCompliant("the configuration has no kustomizations");
    const off = kustomizations.filter((k) => k.garbage_collection_enabled !== true).map((k) => String(k.name));
    return off.length === 0 ? COMPLIANT : nonCompliant(`kustomizations without prune: ${off.join(", ")}`);
  },
});
