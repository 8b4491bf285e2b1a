import { App } from "cdktf";
import { alertTierSettings, ContainerInsights, ManagedGrafana, MonitoringStack, PlatformStack, PrometheusAlertGroup, resolvePlatform, syncAlertRules } from "../../index";
import { platformSpec } from "../support/fixtures";
import { resourceAt, synthJson } from "../support/terraform-json";

function stacks() {
  const platform = resolvePlatform(platformSpec());
  const environment = platform.environments[0];
  const app = new App();
  const platformStack = new PlatformStack(app, { platform, environment });
  const monitoring = new MonitoringStack(app, { platform, environment, platformStack });
  return { environment, platformStack, monitoring };
}

describe("PrometheusAlertGroup", () => {
  const group = (interval?: string, rules = syncAlertRules(stacks().environment, alertTierSettings("dev"))) => {
    const { environment, platformStack, monitoring } = stacks();
    return new PrometheusAlertGroup(monitoring, "Extra", {
      environment,
      resourceGroup: platformStack.resourceGroup,
      name: "extra",
      description: "extra",
      rules,
      workspace: monitoring.workspace,
      cluster: platformStack.cluster,
      actionGroup: monitoring.actionGroup,
      interval,
    });
  };

  test("turns the evaluation interval into an iso 8601 duration", () => {
    const extra = group("5m");
    const json = synthJson(extra.node.scope as MonitoringStack);
    expect(resourceAt(json, "azurerm_monitor_alert_prometheus_rule_group", "Extra/Resource").interval).toBe("PT5M");
  });

  test.each(["30s", "16m", "1h", "5"])("rejects the interval %s", (interval) => {
    expect(() => group(interval)).toThrow(`dev-monitoring/Extra: interval "${interval}" is not valid; azure evaluates rule groups every 1m to 15m, such as "1m"`);
  });

  test("rejects an empty group, more than 20 rules, and a duplicate alert name", () => {
    const rules = syncAlertRules(stacks().environment, alertTierSettings("dev"));
    expect(() => group(undefined, [])).toThrow("dev-monitoring/Extra: rules has 0 rules; a prometheus rule group holds 1 to 20, split the rules into groups");
    const many = Array.from({ length: 21 }, (_, i) => ({ ...rules[0], alert: `A${i}` }));
    expect(() => group(undefined, many)).toThrow("rules has 21 rules");
    expect(() => group(undefined, [rules[0], rules[0]])).toThrow('dev-monitoring/Extra: alert "FluxResourceNotReady" appears twice in rules; give every alert of a group its own name');
  });

  test("rejects a rule that azure would refuse, naming the group, alert, field, value and fix", () => {
    const [rule] = syncAlertRules(stacks().environment, alertTierSettings("dev"));
    expect(() => group(undefined, [{ ...rule, for: "90s" }])).toThrow(
      'dev-monitoring/Extra: alert "FluxResourceNotReady": for "90s" is not a valid alert duration; use a whole number with m or h from 1m to 24h, such as "5m"',
    );
    expect(() => group(undefined, [{ ...rule, severity: 5 }])).toThrow(
      'dev-monitoring/Extra: alert "FluxResourceNotReady": severity 5 is out of range; use an azure monitor severity from 0 (critical) to 4 (verbose)',
    );
    expect(() => group(undefined, [{ ...rule, severity: 1.5 }])).toThrow("severity 1.5 is out of range");
    expect(() => group(undefined, [{ ...rule, expression: " " }])).toThrow('dev-monitoring/Extra: alert "FluxResourceNotReady": expression is empty; use a promql expression');
    expect(() => group(undefined, [{ ...rule, alert: "" }])).toThrow('dev-monitoring/Extra: alert "": alert is empty');
  });

  test("writes a valid rule's for as an iso 8601 duration and leaves it out when unset", () => {
    const [rule] = syncAlertRules(stacks().environment, alertTierSettings("dev"));
    const extra = group(undefined, [{ ...rule, for: "2h" }, { ...rule, alert: "Now", for: undefined }]);
    const json = synthJson(extra.node.scope as MonitoringStack);
    expect(resourceAt(json, "azurerm_monitor_alert_prometheus_rule_group", "Extra/Resource").rule.map((r: any) => r.for)).toEqual(["PT2H", undefined]);
  });
});

describe("ContainerInsights and ManagedGrafana validation", () => {
  test.each(["0m", "31m", "60s", "1h"])("container insights rejects the interval %s", (interval) => {
    const { environment, platformStack, monitoring } = stacks();
    expect(
      () =>
        new ContainerInsights(monitoring, "Insights", {
          environment,
          resourceGroup: platformStack.resourceGroup,
          cluster: platformStack.cluster,
          logAnalyticsWorkspace: platformStack.logAnalyticsWorkspace,
          interval,
        }),
    ).toThrow(`dev-monitoring/Insights: interval "${interval}" is not valid; use whole minutes from 1m to 30m, such as "1m"`);
  });

  test.each(["11.2", "9", "12"])("grafana rejects the major version %s, which the azurerm provider does not accept", (version) => {
    const { environment, platformStack, monitoring } = stacks();
    expect(() => new ManagedGrafana(monitoring, "G", { environment, resourceGroup: platformStack.resourceGroup, workspace: monitoring.workspace, grafanaMajorVersion: version })).toThrow(
      `dev-monitoring/G: grafanaMajorVersion "${version}" is not supported; the azurerm provider accepts "10" or "11", use "11"`,
    );
  });

  test("grafana accepts major version 10 for an existing instance", () => {
    const { environment, platformStack, monitoring } = stacks();
    new ManagedGrafana(monitoring, "G", { environment, resourceGroup: platformStack.resourceGroup, workspace: monitoring.workspace, grafanaMajorVersion: "10" });
    expect(resourceAt(synthJson(monitoring), "azurerm_dashboard_grafana", "G/Resource").grafana_major_version).toBe("10");
  });
});
