import { Construct } from "constructs";
import { SyncEngine } from "../lib/environment/environment-spec";
import { AlertActionGroup } from "../lib/monitoring/alert-action-group";
import { appAlertRules, platformAlertRules, syncAlertRules } from "../lib/monitoring/alert-rules";
import { AlertTierSettings, alertTierSettings } from "../lib/monitoring/alert-tiers";
import { AppAlertTarget } from "../lib/environment/app-alert-thresholds";
import { ContainerInsights } from "../lib/monitoring/container-insights";
import { ManagedGrafana } from "../lib/monitoring/managed-grafana";
import { ManagedPrometheus } from "../lib/monitoring/managed-prometheus";
import { MonitorWorkspace } from "../lib/monitoring/monitor-workspace";
import { PrometheusAlertGroup } from "../lib/monitoring/prometheus-alert-group";
import { SyncEngineMetrics } from "../lib/monitoring/sync-engine-metrics";
import { appAlertTargetProblems } from "../lib/environment/validate-app-alerts";
import { EnvironmentStack, EnvironmentStackProps } from "./environment-stack";
import { PlatformStack } from "./platform-stack";
import { throwIfProblems } from "../lib/core/validation-error";

/** Props of a `MonitoringStack`. */
export interface MonitoringStackProps extends EnvironmentStackProps {
  /** The environment's `<env>-platform` stack: its resource group, cluster and Log Analytics workspace. */
  readonly platformStack: PlatformStack;
  /**
   * The apps to alert on (replicas unavailable, restarts, with each app's own thresholds).
   * @default - none
   */
  readonly appAlertTargets?: readonly AppAlertTarget[];
  /**
   * Write the manifests that make managed Prometheus scrape the sync engine (`infrastructure/monitoring`).
   * Turn off only when something else already exports `gotk_resource_info` / `argocd_app_info` to the workspace.
   * @default true
   */
  readonly syncEngineMetrics?: boolean;
  /**
   * Namespace of the Argo CD application controller (Argo CD environments).
   * @default "argocd"
   */
  readonly argoCdNamespace?: string;
  /**
   * Grafana major version, one of `GRAFANA_MAJOR_VERSIONS` ("10" or "11").
   * @default "11"
   */
  readonly grafanaMajorVersion?: string;
}

/** The Prometheus alert rule groups of a monitoring stack. */
export interface MonitoringAlerts {
  /** GitOps sync alerts of the environment's engine. */
  readonly sync: PrometheusAlertGroup;
  /** Node, pod, volume and cluster pressure alerts. */
  readonly platform: PrometheusAlertGroup;
  /** One group per app, keyed `<namespace>/<name>`. */
  readonly apps: Readonly<Record<string, PrometheusAlertGroup>>;
}

/**
 * `<env>-monitoring`: observability of one environment. Azure Monitor workspace with managed Prometheus
 * collection from the cluster (data collection endpoint, rule and associations), the Container Insights
 * data collection rule, Azure Managed Grafana on the workspace, the environment's action group, and
 * Prometheus alert rule groups for GitOps sync (Flux or Argo CD, per the environment), the platform and every
 * app, with the tier's severity and durations. Also writes the manifests that make managed Prometheus scrape
 * the sync engine. Depends on `<env>-platform`.
 */
export class MonitoringStack extends EnvironmentStack {
  public readonly workspace: MonitorWorkspace;
  public readonly prometheus: ManagedPrometheus;
  public readonly containerInsights: ContainerInsights;
  public readonly grafana: ManagedGrafana;
  public readonly actionGroup: AlertActionGroup;
  public readonly alerts: MonitoringAlerts;
  /** The tier's alert settings. */
  public readonly alertTier: AlertTierSettings;
  /** The sync engine scrape manifests, unless `syncEngineMetrics` is false. */
  public readonly syncEngineMetrics?: SyncEngineMetrics;

  constructor(scope: Construct, props: MonitoringStackProps) {
    super(scope, "monitoring", props);
    const environment = props.environment;
    const targets = props.appAlertTargets ?? [];
    const problems = appAlertTargetProblems(`${this.node.path}: appAlertTargets`, targets);
    throwIfProblems("monitoring stack", problems);

    const platform = props.platformStack;
    const resourceGroup = platform.resourceGroup;
    const cluster = platform.cluster;
    this.workspace = new MonitorWorkspace(this, "Workspace", { environment, resourceGroup });
    const workspace = this.workspace;
    this.prometheus = new ManagedPrometheus(this, "Prometheus", { environment, resourceGroup, workspace, cluster });
    this.containerInsights = new ContainerInsights(this, "ContainerInsights", {
      environment,
      resourceGroup,
      cluster,
      logAnalyticsWorkspace: platform.logAnalyticsWorkspace,
    });
    this.grafana = new ManagedGrafana(this, "Grafana", {
      environment,
      resourceGroup,
      workspace,
      grafanaMajorVersion: props.grafanaMajorVersion,
    });
    this.actionGroup = new AlertActionGroup(this, "ActionGroup", { environment, resourceGroup });

    this.alertTier = alertTierSettings(environment.tier);
    const tier = this.alertTier;
    const common = { environment, resourceGroup, workspace, cluster, actionGroup: this.actionGroup };
    const engineName: Record<SyncEngine, string> = { flux: "Flux", argocd: "Argo CD" };
    const sync = new PrometheusAlertGroup(this, "SyncAlerts", {
      ...common,
      name: "gitops-sync",
      description: `GitOps sync health (${engineName[environment.sync]}) of ${environment.name}`,
      rules: syncAlertRules(environment, tier),
    });
    const platformAlerts = new PrometheusAlertGroup(this, "PlatformAlerts", {
      ...common,
      name: "platform",
      description: `Nodes, pods, volumes and cluster pressure of ${environment.name}`,
      rules: platformAlertRules(environment, tier),
    });
    const apps: Record<string, PrometheusAlertGroup> = {};
    for (const target of targets) {
      apps[`${target.namespace}/${target.name}`] = new PrometheusAlertGroup(this, `AppAlerts-${target.namespace}-${target.name}`, {
        ...common,
        name: `app-${target.namespace}-${target.name}`,
        description: `Availability of app ${target.namespace}/${target.name} in ${environment.name}`,
        rules: appAlertRules(environment, tier, target),
      });
    }
    this.alerts = { sync, platform: platformAlerts, apps };

    if (props.syncEngineMetrics ?? true) {
      this.syncEngineMetrics = new SyncEngineMetrics(this, "SyncEngineMetrics", { environment, argoCdNamespace: props.argoCdNamespace });
    }
  }
}
