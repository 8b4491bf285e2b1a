import { App } from "cdktf";
import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { GRAFANA_ADMINS_GROUP } from "../../environments/shared";
import { AppAlertTarget, MonitoringStack, PlatformStack, resolvePlatform } from "../../index";
import { buildPlatform } from "../../stacks/build-platform";
import { promqlSyntaxErrors } from "../support/promql";
import { environmentSpec, platformSpec } from "../support/fixtures";
import { synthApp } from "../support/synth";
import { danglingReferences, onlyResource, resourceAt, resourcesOf, synthJson, TerraformJson } from "../support/terraform-json";

const GROUP = "4b2e9c1a-7d3f-4e5a-9b8c-1d2e3f4a5b6c";

/** Synthesizes a monitoring stack after cdktf has turned its references to `<env>-platform` into remote state. */
function synthMonitoring(stack: MonitoringStack): TerraformJson {
  stack.prepareStack();
  return synthJson(stack);
}

const prodMonitoring = {
  emailReceivers: ["oncall@contoso.com"],
  webhookReceivers: [{ name: "pager", url: "https://events.example.com/hook" }],
  grafanaAdminGroupObjectId: GROUP,
};
const spec = platformSpec();
const stacks = buildPlatform(new App(), {
  ...spec,
  environments: spec.environments.map((env) => (env.name === "prod" ? { ...env, monitoring: prodMonitoring } : env)),
});
const json = Object.fromEntries(["dev", "staging", "prod"].map((env) => [env, synthMonitoring(stacks.environments[env].monitoring)]));
const CLUSTER_ID = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-(dev|staging|prod)-platform\.outputs\.[^}]*azurerm_kubernetes_cluster[^}]*id\}$/;

describe("MonitoringStack in buildPlatform", () => {
  test.each(["dev", "staging", "prod"])("%s-monitoring references only what it defines and reads the platform through remote state", (env) => {
    expect(stacks.environments[env].monitoring.node.id).toBe(`${env}-monitoring`);
    expect(danglingReferences(json[env])).toEqual([]);
    expect(Object.keys(json[env].data?.terraform_remote_state ?? {})).toEqual([`cross-stack-reference-input-${env}-platform`]);
  });

  test("depends on <env>-platform, and <env>-gitops depends on it", () => {
    const dev = stacks.environments.dev;
    expect(dev.monitoring.dependencies).toContain(dev.platform);
    expect(dev.gitops.dependencies).toContain(dev.monitoring);
  });

  test.each(["dev", "staging", "prod"])("%s-monitoring matches its snapshot", (env) => {
    expect(json[env]).toMatchSnapshot();
  });
});

describe("Azure Monitor workspace and managed Prometheus", () => {
  test("the cluster in <env>-platform has the monitor_metrics profile and container insights with msi auth", () => {
    const cluster = onlyResource(synthJson(stacks.environments.prod.platform), "azurerm_kubernetes_cluster");
    expect(cluster.monitor_metrics).toEqual({});
    expect(cluster.oms_agent.msi_auth_for_monitoring_enabled).toBe(true);
  });

  test("a workspace that is protected from destroy", () => {
    const workspace = onlyResource(json.prod, "azurerm_monitor_workspace");
    expect(workspace.name).toBe("amw-contoso-prod");
    expect(workspace.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("a linux data collection endpoint and a rule sending Microsoft-PrometheusMetrics to the workspace, associated with the cluster", () => {
    const endpoint = onlyResource(json.prod, "azurerm_monitor_data_collection_endpoint");
    expect(endpoint).toEqual(expect.objectContaining({ name: "dce-contoso-prod-prometheus", kind: "Linux", location: "westeurope" }));
    const rule = resourceAt(json.prod, "azurerm_monitor_data_collection_rule", "Prometheus/Resource");
    expect(rule.kind).toBe("Linux");
    expect(rule.data_collection_endpoint_id).toMatch(/^\$\{azurerm_monitor_data_collection_endpoint\.[^}]+\.id\}$/);
    expect(rule.destinations.monitor_account).toEqual([{ monitor_account_id: expect.stringMatching(/^\$\{azurerm_monitor_workspace\.[^}]+\.id\}$/), name: "MonitoringAccount1" }]);
    expect(rule.data_flow).toEqual([{ streams: ["Microsoft-PrometheusMetrics"], destinations: ["MonitoringAccount1"] }]);
    expect(rule.data_sources.prometheus_forwarder).toEqual([{ name: "PrometheusDataSource", streams: ["Microsoft-PrometheusMetrics"] }]);

    const ruleAssociation = resourceAt(json.prod, "azurerm_monitor_data_collection_rule_association", "Prometheus/RuleAssociation");
    expect(ruleAssociation.target_resource_id).toMatch(CLUSTER_ID);
    expect(ruleAssociation.data_collection_rule_id).toMatch(/^\$\{azurerm_monitor_data_collection_rule\.Prometheus_[^}]+\.id\}$/);
    const endpointAssociation = resourceAt(json.prod, "azurerm_monitor_data_collection_rule_association", "Prometheus/EndpointAssociation");
    expect(endpointAssociation.name).toBe("configurationAccessEndpoint");
    expect(endpointAssociation.target_resource_id).toMatch(CLUSTER_ID);
    expect(endpointAssociation.data_collection_endpoint_id).toMatch(/^\$\{azurerm_monitor_data_collection_endpoint\./);
    expect(endpointAssociation.data_collection_rule_id).toBeUndefined();
  });

  test("a container insights rule sending Microsoft-ContainerInsights-Group-Default to the platform's log analytics workspace", () => {
    const rule = resourceAt(json.prod, "azurerm_monitor_data_collection_rule", "ContainerInsights/Resource");
    expect(rule.name).toBe("dcr-contoso-prod-insights");
    expect(rule.destinations.log_analytics).toEqual([
      { name: "ciworkspace", workspace_resource_id: expect.stringMatching(/^\$\{data\.terraform_remote_state\.[^}]*azurerm_log_analytics_workspace[^}]*id\}$/) },
    ]);
    expect(rule.data_flow).toEqual([{ streams: ["Microsoft-ContainerInsights-Group-Default"], destinations: ["ciworkspace"] }]);
    const [extension] = rule.data_sources.extension;
    expect(extension).toEqual(expect.objectContaining({ extension_name: "ContainerInsights", streams: ["Microsoft-ContainerInsights-Group-Default"] }));
    expect(JSON.parse(extension.extension_json)).toEqual({ dataCollectionSettings: { interval: "1m", namespaceFilteringMode: "Off", enableContainerLogV2: true } });
    const association = resourceAt(json.prod, "azurerm_monitor_data_collection_rule_association", "ContainerInsights/Association");
    expect(association.target_resource_id).toMatch(CLUSTER_ID);
  });
});

describe("Managed Grafana", () => {
  test("integrated with the workspace, api keys off, system identity, zone redundant where the environment has zones", () => {
    const prod = onlyResource(json.prod, "azurerm_dashboard_grafana");
    expect(prod).toEqual(
      expect.objectContaining({ name: "amg-contoso-prod", sku: "Standard", grafana_major_version: "11", api_key_enabled: false, zone_redundancy_enabled: true }),
    );
    expect(prod.identity).toEqual({ type: "SystemAssigned" });
    expect(prod.azure_monitor_workspace_integrations).toEqual([{ resource_id: expect.stringMatching(/^\$\{azurerm_monitor_workspace\.[^}]+\.id\}$/) }]);
    expect(onlyResource(json.dev, "azurerm_dashboard_grafana").zone_redundancy_enabled).toBe(false);
  });

  test("reads the workspace and the resource group, and gives grafana admin to the environment's group only", () => {
    const assignments = resourcesOf(json.prod, "azurerm_role_assignment");
    const byRole = Object.fromEntries(assignments.map((a) => [a.role_definition_name, a]));
    expect(Object.keys(byRole).sort()).toEqual(["Grafana Admin", "Monitoring Data Reader", "Monitoring Reader"]);
    expect(byRole["Monitoring Data Reader"].scope).toMatch(/^\$\{azurerm_monitor_workspace\./);
    expect(byRole["Monitoring Data Reader"].principal_id).toMatch(/^\$\{azurerm_dashboard_grafana\.[^}]+\.identity\[0\]\.principal_id\}$/);
    expect(byRole["Monitoring Reader"].scope).toMatch(/^\$\{data\.terraform_remote_state\.[^}]*azurerm_resource_group[^}]*id\}$/);
    expect(byRole["Grafana Admin"]).toEqual(
      expect.objectContaining({ principal_id: GROUP, principal_type: "Group", scope: expect.stringMatching(/^\$\{azurerm_dashboard_grafana\.[^}]+\.id\}$/) }),
    );
  });

  test("assigns no grafana admin when the environment names no group", () => {
    const roles = resourcesOf(json.dev, "azurerm_role_assignment").map((a) => a.role_definition_name);
    expect(roles.sort()).toEqual(["Monitoring Data Reader", "Monitoring Reader"]);
  });
});

describe("action group", () => {
  test("has the environment's e-mail and webhook receivers with the common alert schema", () => {
    const group = onlyResource(json.prod, "azurerm_monitor_action_group");
    expect(group).toEqual(expect.objectContaining({ name: "ag-contoso-prod", short_name: "contoso-prod", location: "global" }));
    expect(group.email_receiver).toEqual([{ name: "email-1", email_address: "oncall@contoso.com", use_common_alert_schema: true }]);
    expect(group.webhook_receiver).toEqual([{ name: "pager", service_uri: "https://events.example.com/hook", use_common_alert_schema: true }]);
  });

  test("falls back to the environment name when <project>-<env> is longer than a short name allows", () => {
    const long = buildPlatform(new App(), platformSpec({ environments: [environmentSpec({ name: "staging" }, "staging")] }));
    expect(onlyResource(synthMonitoring(long.environments.staging.monitoring), "azurerm_monitor_action_group").short_name).toBe("staging");
  });
});

describe("alert rule groups", () => {
  const groups = (env: string): Record<string, any> =>
    Object.fromEntries(resourcesOf(json[env], "azurerm_monitor_alert_prometheus_rule_group").map((g) => [g.name, g]));

  test("sync and platform groups per environment, scoped to the workspace and the cluster, every rule routed to the action group", () => {
    for (const env of ["dev", "staging", "prod"]) {
      const all = groups(env);
      expect(Object.keys(all).sort()).toEqual([`prg-contoso-${env}-gitops-sync`, `prg-contoso-${env}-platform`]);
      for (const group of Object.values(all)) {
        expect(group.scopes).toEqual([expect.stringMatching(/^\$\{azurerm_monitor_workspace\.[^}]+\.id\}$/)]);
        expect(group.cluster_name).toMatch(/^\$\{data\.terraform_remote_state\.[^}]*azurerm_kubernetes_cluster[^}]*name\}$/);
        expect(group.interval).toBe("PT1M");
        for (const rule of group.rule) {
          expect(rule.action).toEqual([{ action_group_id: expect.stringMatching(/^\$\{azurerm_monitor_action_group\.[^}]+\.id\}$/) }]);
          expect(rule.alert_resolution).toEqual({ auto_resolved: true, time_to_resolve: "PT10M" });
          expect(promqlSyntaxErrors(rule.expression)).toEqual([]);
        }
      }
    }
  });

  test.each([
    ["dev", 3, "false", "PT30M"],
    ["staging", 2, "false", "PT15M"],
    ["prod", 1, "true", "PT10M"],
  ])("%s: severity %d, page=%s, sync alerts fire after %s", (env, severity, page, syncFor) => {
    const sync = groups(env)[`prg-contoso-${env}-gitops-sync`];
    expect(sync.rule.map((r: any) => r.alert)).toEqual(["FluxResourceNotReady", "FluxMetricsAbsent"]);
    for (const rule of sync.rule) {
      expect(rule.for).toBe(syncFor);
      expect(rule.severity).toBe(severity);
      expect(rule.labels.page).toBe(page);
    }
  });

  test("an argo cd environment gets the argo cd alert set and its scrape manifest", () => {
    const argo = buildPlatform(new App(), platformSpec({ environments: [environmentSpec({ name: "dev", sync: "argocd" })] }));
    const monitoring = argo.environments.dev.monitoring;
    const sync = resourceAt(synthMonitoring(monitoring), "azurerm_monitor_alert_prometheus_rule_group", "SyncAlerts/Resource");
    expect(sync.rule.map((r: any) => r.alert)).toEqual(["ArgoCdAppOutOfSync", "ArgoCdAppUnhealthy", "ArgoCdMetricsAbsent"]);
    expect(sync.description).toContain("Argo CD");
    expect(monitoring.syncEngineMetrics?.manifests.objects.map((o) => o.kind)).toEqual(["Namespace", "NetworkPolicy", "PodMonitor"]);
  });

  test("syncEngineMetrics: false writes no scrape manifests", () => {
    const platform = resolvePlatform(platformSpec());
    const app = new App();
    const platformStack = new PlatformStack(app, { platform, environment: platform.environments[0] });
    const monitoring = new MonitoringStack(app, { platform, environment: platform.environments[0], platformStack, syncEngineMetrics: false });
    expect(monitoring.syncEngineMetrics).toBeUndefined();
    expect(monitoring.node.findAll().some((c) => c.node.id === "SyncEngineMetrics")).toBe(false);
  });
});

describe("app alerts", () => {
  function monitoringWith(appAlertTargets: readonly AppAlertTarget[], tier: "dev" | "prod" = "prod") {
    const platform = resolvePlatform(platformSpec({ environments: [environmentSpec({ name: tier }, tier)] }));
    const app = new App();
    const environment = platform.environments[0];
    const platformStack = new PlatformStack(app, { platform, environment });
    return new MonitoringStack(app, { platform, environment, platformStack, appAlertTargets });
  }

  test("one rule group per app with availability and restart alerts, the app's own thresholds applied", () => {
    const monitoring = monitoringWith([
      { name: "web", namespace: "shop" },
      { name: "api", namespace: "shop", alerts: { maxRestartsIn15m: 10, unavailableFor: "2m", severity: 0 } },
    ]);
    const synthesized = synthMonitoring(monitoring);
    expect(Object.keys(monitoring.alerts.apps)).toEqual(["shop/web", "shop/api"]);
    const web = resourceAt(synthesized, "azurerm_monitor_alert_prometheus_rule_group", "AppAlerts-shop-web/Resource");
    expect(web.name).toBe("prg-contoso-prod-app-shop-web");
    expect(web.rule.map((r: any) => [r.alert, r.for, r.severity])).toEqual([
      ["AppReplicasUnavailable", "PT5M", 1],
      ["AppContainerRestarts", undefined, 1],
    ]);
    const api = resourceAt(synthesized, "azurerm_monitor_alert_prometheus_rule_group", "AppAlerts-shop-api/Resource");
    expect(api.rule.map((r: any) => [r.alert, r.for, r.severity])).toEqual([
      ["AppReplicasUnavailable", "PT2M", 0],
      ["AppContainerRestarts", undefined, 0],
    ]);
    expect(api.rule[1].expression).toMatch(/> 10$/);
    for (const rule of [...web.rule, ...api.rule]) {
      expect(rule.action).toEqual([{ action_group_id: expect.stringMatching(/^\$\{azurerm_monitor_action_group\./) }]);
      expect(promqlSyntaxErrors(rule.expression)).toEqual([]);
    }
  });

  test("rejects an invalid duration and a threshold out of range, naming the stack, app, field, value and fix", () => {
    expect(() => monitoringWith([{ name: "web", namespace: "shop", alerts: { unavailableFor: "5 minutes" } }])).toThrow(
      'prod-monitoring: appAlertTargets: app "web": alerts.unavailableFor "5 minutes" is not a valid alert duration; use a whole number with m or h from 1m to 24h, such as "5m"',
    );
    expect(() => monitoringWith([{ name: "web", namespace: "shop", alerts: { maxRestartsIn15m: 0 } }])).toThrow(
      'prod-monitoring: appAlertTargets: app "web": alerts.maxRestartsIn15m 0 is out of range; use a whole number from 1 to 100',
    );
    expect(() => monitoringWith([{ name: "web", namespace: "shop", alerts: { severity: 7 } }])).toThrow(
      'prod-monitoring: appAlertTargets: app "web": alerts.severity 7 is out of range; use an azure monitor severity from 0 (critical) to 4 (verbose)',
    );
  });
});

describe("bad environment input", () => {
  test("a prod environment with an empty receiver list is rejected before any stack is created", () => {
    const app = new App();
    const spec = platformSpec({ environments: [environmentSpec({ name: "prod", monitoring: { emailReceivers: [], webhookReceivers: [] } }, "prod")] });
    expect(() => buildPlatform(app, spec)).toThrow(
      "environments/prod: prod environment has no alert receivers; set monitoring.emailReceivers or monitoring.webhookReceivers",
    );
    expect(app.node.children).toEqual([]);
  });
});

describe("the reference platform", () => {
  test("synthesizes dev, staging and prod monitoring stacks with alerts for every pinned app, and the scrape manifests", () => {
    const { built, output } = synthApp((app) => buildPlatform(app, referencePlatform, { apps: referenceApps, pins: referencePins }));
    for (const env of ["dev", "staging", "prod"]) {
      const synthesized = output.stack(`${env}-monitoring`);
      expect(danglingReferences(synthesized)).toEqual([]);
      const appStacks = Object.values(built.environments[env].apps);
      const names = resourcesOf(synthesized, "azurerm_monitor_alert_prometheus_rule_group").map((g) => g.name);
      for (const appStack of appStacks) {
        expect(names).toContain(`prg-contoso-${env}-app-${appStack.alertTarget.namespace}-${appStack.alertTarget.name}`);
      }
      expect(output.gitops).toHaveProperty([`${env}/infrastructure/monitoring/podmonitor-flux-state-metrics.yaml`]);
      const grafanaAdmin = resourcesOf(synthesized, "azurerm_role_assignment").find((a) => a.role_definition_name === "Grafana Admin");
      expect(grafanaAdmin.principal_id).toBe(GRAFANA_ADMINS_GROUP);
    }
    expect(Object.keys(built.environments.prod.apps).length).toBeGreaterThan(0);
  });
});
