import { COMPLIANT, defineRule, nonCompliant, NOT_APPLICABLE, unresolved } from "../../rule";
import { blocks, hasExpression } from "../../terraform-values";

/** GITOPS-MON-2: alert webhooks use HTTPS. */
export const actionGroupHttpsWebhooks = defineRule({
  target: "terraform",
  id: "GITOPS-MON-2",
  severity: "error",
  resourceTypes: ["azurerm_monitor_action_group"],
  what: "Every webhook receiver of the action group uses an https:// URL.",
  why: "Alert payloads name resources and often carry an integration key in the URL; plain HTTP exposes both.",
  fix: "Use the https:// URL of the receiving service in the alert action group spec.",
  evaluate: (resource) => {
    const hooks = blocks(resource.body, "webhook_receiver");
    if (hooks.length === 0) return NOT_APPLICABLE;
    const uris = hooks.map((hook) => hook.service_uri);
    if (uris.some(hasExpression)) return unresolved("a webhook service_uri is known only at apply time");
    const plain = uris.filter((uri) => typeof uri !== "string" || !uri.startsWith("https://"));
    return plain.length === 0 ? COMPLIANT : nonCompliant(`webhook receivers without https: ${plain.map(String).join(", ")}`);
  },
});
