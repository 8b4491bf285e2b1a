import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-AKS-10: the system node pool runs only critical add-ons. */
export const aksSystemPoolCriticalOnly = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-10",
  checkov: "CKV_AZURE_232",
  severity: "warning",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The default (system) node pool is tainted for critical add-ons only.",
  why: "App pods on system nodes compete with CoreDNS, the CSI drivers and the sync engine, and an app breakout lands next to them.",
  fix: "Keep the AksCluster default (default_node_pool.only_critical_addons_enabled = true) with a separate user pool for apps.",
  evaluate: (resource) => expectEquals(resource.body, "default_node_pool.only_critical_addons_enabled", true, false),
});
