import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf, listOf } from "../../kubernetes-values";

/** GITOPS-ARGO-3: projects name their sources and destinations. */
export const argoProjectScoped = defineRule({
  target: "kubernetes",
  id: "GITOPS-ARGO-3",
  severity: "error",
  kinds: ["AppProject"],
  what: "The Argo CD AppProject's source repositories and destinations use no * wildcard (an empty list allows nothing).",
  why: "A wildcard project lets any application deploy anything from any repository to any namespace, undoing the project boundary.",
  fix: "Keep the ArgoCdSync projects (the GitOps repository and the environment's namespaces).",
  evaluate: (object) => {
    const spec = fieldOf(object, "spec");
    const problems: string[] = [];
    const repos = listOf(spec, "sourceRepos").map(String);
    if (repos.includes("*")) problems.push("sourceRepos allows every repository (*)");
    const destinations = listOf(spec, "destinations") as Record<string, unknown>[];
    if (destinations.some((d) => d.namespace === "*" || d.server === "*" || d.name === "*")) problems.push("a destination uses *");
    return problems.length === 0 ? COMPLIANT : nonCompliant(problems.join("; "));
  },
});
