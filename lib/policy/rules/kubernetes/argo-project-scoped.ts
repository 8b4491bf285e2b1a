import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf, listOf } from "../../kubernetes-values";

/** GITOPS-ARGO-3: projects name their sources and destinations. */
export const argoProjectScoped = defineRule({
  target: "kubernetes",
  id: "GITOPS-ARGO-3",
  severity: "error",
  kinds: ["AppProject"],
  what: "The Argo CD AppProject lists its source repositories and destination namespaces without * wildcards.",
  why: "A wildcard project lets any application deploy anything from any repository to any namespace, undoing the project boundary.",
  fix: "Keep the ArgoCdSync projects (the GitOps repository and the environment's namespaces).",
  evaluate: (object) => {
    const spec = fieldOf(object, "spec");
    const problems: string[] = [];
    const repos = listOf(spec, "sourceRepos").map(String);
    if (repos.length === 0 || repos.includes("*")) problems.push("sourceRepos is empty or *");
    const destinations = listOf(spec, "destinations") as Record<string, unknown>[];
    if (destinations.length === 0 || destinations.some((d) => d.namespace === "*" || d.server === "*" || d.name === "*")) problems.push("destinations are empty or use *");
    return problems.length === 0 ? COMPLIANT : nonCompliant(problems.join("; "));
  },
});
