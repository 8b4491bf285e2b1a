import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf } from "../../kubernetes-values";

/** GITOPS-ARGO-2: applications are confined by their own project. */
export const argoApplicationProject = defineRule({
  target: "kubernetes",
  id: "GITOPS-ARGO-2",
  severity: "error",
  kinds: ["Application"],
  what: "The Argo CD Application belongs to a project other than default.",
  why: "The default project allows any source, any destination and every cluster-scoped kind; a project limits what an application's Git folder can change.",
  fix: "Keep the ArgoCdSync projects (one per environment and layer).",
  evaluate: (object) => {
    const project = fieldOf(object, "spec").project;
    return typeof project === "string" && project !== "" && project !== "default" ? COMPLIANT : nonCompliant(`project is ${JSON.stringify(project)}`);
  },
});
