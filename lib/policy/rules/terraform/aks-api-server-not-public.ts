import { COMPLIANT, defineRule, nonCompliant, unresolved } from "../../rule";
import { hasExpression, lookup } from "../../terraform-values";

const OPEN = new Set(["0.0.0.0/0", "0.0.0.0", "*", "Internet", "Any"]);

/** GITOPS-AKS-3: the API server is private or limited to authorized IP ranges. */
export const aksApiServerNotPublic = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-3",
  checkov: "CKV_AZURE_6",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The AKS API server is a private cluster or accepts connections only from authorized IP ranges (none of them 0.0.0.0/0).",
  why: "A public API server is exposed to credential stuffing and to every future API server vulnerability; GitOps means nobody needs to reach it from anywhere.",
  fix: "Set the environment's apiServerAuthorizedIpRanges (the CI runners' and operators' ranges) or privateCluster.",
  evaluate: (resource) => {
    const privateCluster = lookup(resource.body, "private_cluster_enabled");
    if (privateCluster === true) return COMPLIANT;
    const ranges = lookup(resource.body, "api_server_access_profile.authorized_ip_ranges");
    if (hasExpression(ranges)) return unresolved(`api_server_access_profile.authorized_ip_ranges is ${JSON.stringify(ranges)}, known only at apply time`);
    if (!Array.isArray(ranges) || ranges.length === 0) return nonCompliant("the API server is public: not a private cluster and no authorized IP ranges");
    const open = ranges.filter((range) => OPEN.has(String(range)));
    return open.length > 0 ? nonCompliant(`authorized IP ranges include ${open.join(", ")}, which is the whole internet`) : COMPLIANT;
  },
});
