import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-AKS-14: system nodes have no public IP addresses. */
export const aksNodePublicIp = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-14",
  checkov: "CKV_AZURE_143",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The default node pool's nodes have no public IP addresses.",
  why: "A public IP on a node exposes the kubelet and every host port to the internet, bypassing the load balancer.",
  fix: "Keep the default (default_node_pool.node_public_ip_enabled = false).",
  evaluate: (resource) => expectEquals(resource.body, "default_node_pool.node_public_ip_enabled", false, false),
});
