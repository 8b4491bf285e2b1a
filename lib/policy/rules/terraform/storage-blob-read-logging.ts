import { defineRule, nonCompliant, COMPLIANT, RuleResult } from "../../rule";
import { blocks, lookup, referrers } from "../../terraform-values";

/** GITOPS-ST-8: blob reads are audited in Log Analytics. */
export const storageBlobReadLogging = defineRule({
  target: "terraform",
  id: "GITOPS-ST-8",
  checkov: "CKV2_AZURE_21",
  severity: "error",
  resourceTypes: ["azurerm_storage_account"],
  what: "A diagnostic setting on the account's blob service sends StorageRead logs to a Log Analytics workspace.",
  why: "Reading the state file means reading every secret in it; who read it must be on record.",
  fix: "Set remoteState.logAnalyticsWorkspaceId (or let the state stack create its workspace, the default).",
  evaluate: (resource, context): RuleResult => {
    const settings = referrers(context, "azurerm_monitor_diagnostic_setting", "target_resource_id", resource).filter((setting) => {
      const target = String(lookup(setting.body, "target_resource_id"));
      return target.endsWith("/blobServices/default") && lookup(setting.body, "log_analytics_workspace_id") !== undefined;
    });
    const reads = settings.some((setting) => blocks(setting.body, "enabled_log").some((log) => log.category === "StorageRead"));
    return reads ? COMPLIANT : nonCompliant("no diagnostic setting sends the blob service's StorageRead logs to Log Analytics");
  },
});
