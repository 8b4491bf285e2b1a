import { Environment } from "../../lib/environment/environment";
import { Tier } from "../../lib/environment/environment-spec";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { appAlertRules, platformAlertRules, syncAlertRules } from "../../lib/monitoring/alert-rules";
import { ALERT_THRESHOLDS, alertTierSettings } from "../../lib/monitoring/alert-tiers";
import { environmentSpec, platformSpec } from "../support/fixtures";
import { promqlSyntaxErrors } from "../support/promql";

const platform = resolvePlatform(platformSpec());
const env = (name: string): Environment => platform.environments.find((e) => e.name === name) as Environment;
const argo = resolvePlatform(platformSpec({ environments: [environmentSpec({ name: "dev", sync: "argocd" })] })).environments[0];
const web = { name: "web", namespace: "shop" };

describe("promqlSyntaxErrors (the test's grammar check)", () => {
  test("accepts valid PromQL and reports broken PromQL", () => {
    expect(promqlSyntaxErrors('sum by (pod) (rate(x{a="b"}[5m])) > 1')).toEqual([]);
    expect(promqlSyntaxErrors("sum(rate(x[5m]) >")).not.toEqual([]);
    expect(promqlSyntaxErrors('x{a="b"')).not.toEqual([]);
    expect(promqlSyntaxErrors("")).not.toEqual([]);
  });
});

describe("every alert expression parses with the Prometheus grammar", () => {
  const all = (environment: Environment) => {
    const tier = alertTierSettings(environment.tier);
    return [
      ...syncAlertRules(environment, tier, "flux"),
      ...syncAlertRules(environment, tier, "argocd"),
      ...platformAlertRules(environment, tier),
      ...appAlertRules(environment, tier, web),
      ...appAlertRules(environment, tier, { name: "api-v2", namespace: "team-a", alerts: { maxRestartsIn15m: 10, unavailableFor: "2h", severity: 0 } }),
    ];
  };
  test.each(["dev", "staging", "prod"])("%s", (name) => {
    const rules = all(env(name));
    expect(rules.length).toBe(2 + 3 + 6 + 2 + 2);
    for (const rule of rules) expect({ alert: rule.alert, errors: promqlSyntaxErrors(rule.expression) }).toEqual({ alert: rule.alert, errors: [] });
  });
});

describe("sync alerts follow the environment's engine", () => {
  test("flux: resources not ready (gotk_resource_info ready=False, not suspended) and absent metrics", () => {
    const rules = syncAlertRules(env("dev"), alertTierSettings("dev"));
    expect(rules.map((r) => r.alert)).toEqual(["FluxResourceNotReady", "FluxMetricsAbsent"]);
    expect(rules[0].expression).toContain('gotk_resource_info{ready="False", suspended!="true"}');
    expect(rules[1].expression).toBe("absent(gotk_resource_info)");
    // the alert knows the release: the resource's revision label (a GitOps commit) is kept and named
    expect(rules[0].expression).toMatch(/^max by \([^)]*\brevision\b[^)]*\)/);
    expect(rules[0].annotations.description).toContain("{{ $labels.revision }}");
    expect(rules.every((r) => !r.expression.includes("gotk_reconcile_condition"))).toBe(true);
  });

  test("argo cd: apps out of sync, unhealthy, and absent metrics from argocd_app_info", () => {
    const rules = syncAlertRules(argo, alertTierSettings("dev"));
    expect(argo.sync).toBe("argocd");
    expect(rules.map((r) => r.alert)).toEqual(["ArgoCdAppOutOfSync", "ArgoCdAppUnhealthy", "ArgoCdMetricsAbsent"]);
    expect(rules[0].expression).toContain('argocd_app_info{sync_status="OutOfSync"}');
    expect(rules[1].expression).toContain('argocd_app_info{health_status=~"Degraded|Missing|Unknown"}');
  });
});

describe("per-tier severity and durations", () => {
  test.each<[Tier, number, string, string, string, string]>([
    ["dev", 3, "false", "30m", "15m", "1h"],
    ["staging", 2, "false", "15m", "10m", "30m"],
    ["prod", 1, "true", "10m", "5m", "15m"],
  ])("%s: severity %d, page=%s, sync for %s, platform for %s, pressure for %s", (tier, severity, page, syncFor, platformFor, pressureFor) => {
    const environment = env(tier);
    const settings = alertTierSettings(tier);
    const sync = syncAlertRules(environment, settings);
    const platformRules = platformAlertRules(environment, settings);
    for (const rule of [...sync, ...platformRules]) {
      expect(rule.severity).toBe(severity);
      expect(rule.labels).toEqual(expect.objectContaining({ environment: tier, tier, page }));
    }
    expect(sync.every((r) => r.for === syncFor)).toBe(true);
    const byName = Object.fromEntries(platformRules.map((r) => [r.alert, r]));
    expect(byName.KubeNodeNotReady.for).toBe(platformFor);
    expect(byName.KubePodCrashLooping.for).toBe(platformFor);
    expect(byName.ClusterCpuPressure.for).toBe(pressureFor);
    expect(byName.ClusterMemoryPressure.for).toBe(pressureFor);
  });
});

describe("platform alerts", () => {
  test("cover nodes, crash loops, volumes and cluster cpu / memory pressure with the shared thresholds", () => {
    const rules = platformAlertRules(env("prod"), alertTierSettings("prod"));
    expect(rules.map((r) => r.alert)).toEqual([
      "KubeNodeNotReady",
      "KubeNodePressure",
      "KubePodCrashLooping",
      "KubePersistentVolumeFillingUp",
      "ClusterCpuPressure",
      "ClusterMemoryPressure",
    ]);
    const expressions = rules.map((r) => r.expression).join("\n");
    expect(expressions).toContain('kube_node_status_condition{condition="Ready", status="true"} == 0');
    expect(expressions).toContain('kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}');
    expect(expressions).toContain(`kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes) > ${ALERT_THRESHOLDS.volumeUsedRatio}`);
    expect(expressions).toContain(`> ${ALERT_THRESHOLDS.cpuUtilisationRatio}`);
    expect(expressions).toContain(`> ${ALERT_THRESHOLDS.memoryUtilisationRatio}`);
  });
});

describe("app alerts", () => {
  test("use the tier defaults when the app sets no thresholds", () => {
    const [unavailable, restarts] = appAlertRules(env("staging"), alertTierSettings("staging"), web);
    expect(unavailable.alert).toBe("AppReplicasUnavailable");
    expect(unavailable.expression).toBe(
      'kube_deployment_spec_replicas{namespace="shop", deployment="web"} - kube_deployment_status_replicas_available{namespace="shop", deployment="web"} > 0',
    );
    expect(unavailable.for).toBe("10m");
    expect(unavailable.severity).toBe(2);
    expect(unavailable.labels.app).toBe("web");
    expect(restarts.alert).toBe("AppContainerRestarts");
    expect(restarts.expression).toBe(
      'sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total{namespace="shop", pod=~"web-[a-z0-9]+-[a-z0-9]{5}"}[15m])) > 3',
    );
  });

  test("use the app's own thresholds when set", () => {
    const rules = appAlertRules(env("prod"), alertTierSettings("prod"), { ...web, alerts: { maxRestartsIn15m: 7, unavailableFor: "20m", severity: 0 } });
    expect(rules[0].for).toBe("20m");
    expect(rules[1].expression.endsWith("> 7")).toBe(true);
    expect(rules.map((r) => r.severity)).toEqual([0, 0]);
  });

  test("the restarts pod pattern matches the app's pods only, not those of an app whose name extends it", () => {
    const pattern = new RegExp(`^${/pod=~"([^"]+)"/.exec(appAlertRules(env("dev"), alertTierSettings("dev"), web)[1].expression)![1]}$`);
    expect(pattern.test("web-7d9f8b6c5d-x2k9p")).toBe(true);
    expect(pattern.test("web-api-7d9f8b6c5d-x2k9p")).toBe(false);
    expect(pattern.test("webshop-7d9f8b6c5d-x2k9p")).toBe(false);
  });
});
