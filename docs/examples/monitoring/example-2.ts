// Extracted from docs/monitoring.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { PlatformStacks, PrometheusAlertGroup } from "cdktf-gitops";
declare const stacks: PlatformStacks;
// (setup above: hidden in the document)
const { monitoring, platform } = stacks.environments.prod;
new PrometheusAlertGroup(monitoring, "CheckoutAlerts", {
  environment: monitoring.environment,
  resourceGroup: platform.resourceGroup,
  name: "checkout",
  description: "Checkout error rate",
  workspace: monitoring.workspace,
  cluster: platform.cluster,
  actionGroup: monitoring.actionGroup,
  rules: [{
    alert: "CheckoutErrors",
    expression: 'sum(rate(http_requests_total{app="checkout", code=~"5.."}[5m])) / sum(rate(http_requests_total{app="checkout"}[5m])) > 0.05',
    for: "5m",
    severity: 1,
    labels: { environment: "prod", page: "true", component: "app", app: "checkout" },
    annotations: { summary: "More than 5% of checkout requests fail" },
  }],
});
