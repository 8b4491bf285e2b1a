import { COMPLIANT, defineRule } from "../../rule";
import { expectEquals, lookup } from "../../terraform-values";

/** GITOPS-LOG-2: Azure AD only for ingestion and queries. */
export const logAnalyticsLocalAuth = defineRule({
  target: "terraform",
  id: "GITOPS-LOG-2",
  severity: "error",
  resourceTypes: ["azurerm_log_analytics_workspace"],
  what: "The Log Analytics workspace refuses workspace-key (shared key) authentication.",
  why: "A workspace key lets anyone who has it write forged logs or read them; Azure AD ties every access to an identity.",
  fix: "Keep the LogAnalyticsWorkspace default (local_authentication_enabled = false).",
  evaluate: (resource) =>
    // azurerm 4.x: local_authentication_enabled; the deprecated local_authentication_disabled is accepted too.
    lookup(resource.body, "local_authentication_disabled") === true ? COMPLIANT : expectEquals(resource.body, "local_authentication_enabled", false, true),
});
