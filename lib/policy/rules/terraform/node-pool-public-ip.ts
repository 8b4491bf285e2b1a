import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-NODE-3: user nodes have no public IP addresses. */
export const nodePoolPublicIp = defineRule({
  target: "terraform",
  id: "GITOPS-NODE-3",
  checkov: "CKV_AZURE_143",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster_node_pool"],
  what: "The node pool's nodes have no public IP addresses.",
  why: "A public IP on a node exposes the kubelet and every host port to the internet, bypassing the load balancer and the ingress.",
  fix: "Keep the default (node_public_ip_enabled = false).",
  evaluate: (resource) => expectEquals(resource.body, "node_public_ip_enabled", false, false),
});
