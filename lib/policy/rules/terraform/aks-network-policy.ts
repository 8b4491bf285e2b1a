import { defineRule } from "../../rule";
import { checkAttribute } from "../../terraform-values";

/** GITOPS-AKS-4: a network policy engine enforces NetworkPolicy objects. */
export const aksNetworkPolicy = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-4",
  checkov: "CKV_AZURE_7",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The AKS cluster has a network policy engine (azure, calico or cilium).",
  why: "Without an engine the apps' default-deny NetworkPolicies are accepted by the API server but never enforced.",
  fix: "Keep the AksCluster default network profile (Azure CNI overlay with Cilium).",
  evaluate: (resource) =>
    checkAttribute(resource.body, "network_profile.network_policy", (v) => ["azure", "calico", "cilium"].includes(String(v)), { expected: '"azure", "calico" or "cilium"' }),
});
