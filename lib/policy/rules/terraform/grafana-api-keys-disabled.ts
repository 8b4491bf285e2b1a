import { defineRule } from "../../rule";
import { expectEquals } from "../../terraform-values";

/** GITOPS-MON-1: no Grafana API keys. */
export const grafanaApiKeysDisabled = defineRule({
  target: "terraform",
  id: "GITOPS-MON-1",
  severity: "warning",
  resourceTypes: ["azurerm_dashboard_grafana"],
  what: "Managed Grafana has API keys disabled.",
  why: "API keys are long-lived bearer secrets outside Azure AD; service accounts with Azure AD or managed identities replace them.",
  fix: "Keep the ManagedGrafana default (api_key_enabled = false).",
  evaluate: (resource) => expectEquals(resource.body, "api_key_enabled", false, false),
});
