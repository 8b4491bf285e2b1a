import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { lookup } from "../../terraform-values";

/** GITOPS-AKS-6: container logs go to Log Analytics. */
export const aksLogAnalytics = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-6",
  checkov: "CKV_AZURE_4",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: "The AKS cluster's monitoring agent sends to a Log Analytics workspace (oms_agent).",
  why: "Container logs and inventory are the evidence of what ran; without them an incident cannot be reconstructed.",
  fix: "Keep the PlatformStack wiring of the environment's Log Analytics workspace into the cluster.",
  // The workspace id is a reference to a workspace (an expression): that it is set is what the rule checks.
  evaluate: (resource) => {
    const workspace = lookup(resource.body, "oms_agent.log_analytics_workspace_id");
    return typeof workspace === "string" && workspace.length > 0 ? COMPLIANT : nonCompliant("oms_agent.log_analytics_workspace_id is not set");
  },
});
