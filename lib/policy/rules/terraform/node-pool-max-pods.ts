import { defineRule } from "../../rule";
import { expectAtLeast } from "../../terraform-values";

/** GITOPS-NODE-2: room for at least 50 pods per node. */
export const nodePoolMaxPods = defineRule({
  target: "terraform",
  id: "GITOPS-NODE-2",
  checkov: "CKV_AZURE_168",
  severity: "warning",
  resourceTypes: ["azurerm_kubernetes_cluster_node_pool"],
  what: "The node pool allows at least 50 pods per node.",
  why: "A low pod limit strands CPU and memory and leaves no room for the per-node agents AKS adds over time.",
  fix: "Keep the AksCluster default maxPods (110).",
  evaluate: (resource) => expectAtLeast(resource.body, "max_pods", 50, 30),
});
