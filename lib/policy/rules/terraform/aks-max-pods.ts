import { defineRule } from "../../rule";
import { expectAtLeast } from "../../terraform-values";

/** GITOPS-AKS-12: room for at least 50 pods per system node. */
export const aksMaxPods = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-12",
  checkov: "CKV_AZURE_168",
  severity: "warning",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The default node pool allows at least 50 pods per node.",
  why: "A low pod limit leaves nodes unable to schedule the add-ons and agents AKS runs on every node, so updates stall.",
  fix: "Keep the AksCluster default maxPods (110).",
  evaluate: (resource) => expectAtLeast(resource.body, "default_node_pool.max_pods", 50, 30),
});
