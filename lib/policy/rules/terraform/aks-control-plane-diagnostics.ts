import { COMPLIANT, defineRule, nonCompliant, RuleResult } from "../../rule";
import { blocks, lookup, referrers } from "../../terraform-values";

/** The control-plane log categories that must reach Log Analytics. */
export const REQUIRED_AKS_LOG_CATEGORIES: readonly string[] = ["kube-audit-admin", "guard"];

/** GITOPS-AKS-15: control-plane audit logs go to Log Analytics. */
export const aksControlPlaneDiagnostics = defineRule({
  target: "terraform",
  id: "GITOPS-AKS-15",
  severity: "error",
  resourceTypes: ["azurerm_kubernetes_cluster"],
  what: `A diagnostic setting in the same stack sends the cluster's control-plane logs (${REQUIRED_AKS_LOG_CATEGORIES.join(", ")}) to Log Analytics.`,
  why: "The API server audit log and the Azure AD (guard) log are the only record of who changed what in the cluster outside GitOps.",
  fix: "Keep the AksCluster default control-plane diagnostic setting (AksCluster prop controlPlaneLogs).",
  evaluate: (resource, context): RuleResult => {
    const settings = referrers(context, "azurerm_monitor_diagnostic_setting", "target_resource_id", resource).filter(
      (setting) => lookup(setting.body, "log_analytics_workspace_id") !== undefined,
    );
    if (settings.length === 0) return nonCompliant("no diagnostic setting sends this cluster's logs to a Log Analytics workspace");
    const categories = new Set(settings.flatMap((setting) => blocks(setting.body, "enabled_log").map((log) => String(log.category))));
    const missing = REQUIRED_AKS_LOG_CATEGORIES.filter((category) => !categories.has(category));
    return missing.length === 0 ? COMPLIANT : nonCompliant(`control-plane log categories ${missing.join(", ")} are not collected`);
  },
});
