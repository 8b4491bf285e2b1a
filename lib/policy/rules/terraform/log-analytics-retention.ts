import { defineRule } from "../../rule";
import { expectAtLeast } from "../../terraform-values";

/** GITOPS-LOG-1: logs are kept long enough for an investigation. */
export const logAnalyticsRetention = defineRule({
  target: "terraform",
  id: "GITOPS-LOG-1",
  severity: "warning",
  resourceTypes: ["azurerm_log_analytics_workspace"],
  what: "The Log Analytics workspace keeps data for at least 30 days.",
  why: "Incidents are often found weeks after they start; audit logs that are gone by then prove nothing.",
  fix: "Keep the tier default retention (30 days in dev, 90 in prod) or raise logRetentionDays.",
  evaluate: (resource) => expectAtLeast(resource.body, "retention_in_days", 30, 30),
});
