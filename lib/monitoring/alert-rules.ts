import { Environment } from "../environment/environment";
import { SyncEngine } from "../environment/environment-spec";
import { ALERT_THRESHOLDS, AlertTierSettings } from "./alert-tiers";
import { AppAlertTarget } from "../environment/app-alert-thresholds";

/** One Prometheus alert rule, before it is bound to a workspace, cluster and action group. */
export interface AlertRule {
  /** Alert name, e.g. `KubeNodeNotReady`. */
  readonly alert: string;
  /** PromQL expression; the alert fires for every series it returns. */
  readonly expression: string;
  /** How long the expression must hold before the alert fires (`5m`); undefined fires at once. */
  readonly for?: string;
  /** Azure Monitor severity (0-4). */
  readonly severity: number;
  /** Labels added to the alert. */
  readonly labels: Readonly<Record<string, string>>;
  /** `summary` and `description`, Prometheus templates allowed. */
  readonly annotations: Readonly<Record<string, string>>;
}

/** Labels every alert of an environment carries. */
function commonLabels(environment: Environment, tier: AlertTierSettings, component: string): Record<string, string> {
  return { environment: environment.name, tier: environment.tier, page: String(tier.pages), component };
}

/** The GitOps sync alerts of the environment's engine: Flux (`gotk_resource_info`) or Argo CD (`argocd_app_info`). */
export function syncAlertRules(environment: Environment, tier: AlertTierSettings, engine: SyncEngine = environment.sync): AlertRule[] {
  const labels = commonLabels(environment, tier, "gitops");
  const base = { for: tier.syncFailingFor, severity: tier.severity, labels };
  if (engine === "flux") {
    return [
      {
        ...base,
        alert: "FluxResourceNotReady",
        // `revision` is the resource's last applied (Kustomization) or fetched (source) revision: the GitOps commit
        // to look up with `cdktf-gitops history` (release feedback, docs/feedback.md).
        expression: 'max by (customresource_kind, exported_namespace, name, revision) (gotk_resource_info{ready="False", suspended!="true"}) > 0',
        annotations: {
          summary: "Flux {{ $labels.customresource_kind }} {{ $labels.exported_namespace }}/{{ $labels.name }} is not ready",
          description: `The Flux resource has not been ready for ${tier.syncFailingFor}: the cluster is not in sync with the GitOps repository. Last applied revision: {{ $labels.revision }}. Check \`flux get all -A\`, the resource's events and the commit statuses of the GitOps repository.`,
        },
      },
      {
        ...base,
        alert: "FluxMetricsAbsent",
        expression: "absent(gotk_resource_info)",
        annotations: {
          summary: "No Flux resource metrics (gotk_resource_info) are collected",
          description: `Flux sync alerts cannot fire: gotk_resource_info has been absent for ${tier.syncFailingFor}. Check the flux-state-metrics deployment in namespace gitops-monitoring and its PodMonitor.`,
        },
      },
    ];
  }
  return [
    {
      ...base,
      alert: "ArgoCdAppOutOfSync",
      expression: 'max by (namespace, name, project) (argocd_app_info{sync_status="OutOfSync"}) > 0',
      annotations: {
        summary: "Argo CD app {{ $labels.name }} is out of sync",
        description: `The Argo CD application has been OutOfSync for ${tier.syncFailingFor}: the cluster differs from the GitOps repository. Check \`argocd app diff {{ $labels.name }}\`.`,
      },
    },
    {
      ...base,
      alert: "ArgoCdAppUnhealthy",
      expression: 'max by (namespace, name, project, health_status) (argocd_app_info{health_status=~"Degraded|Missing|Unknown"}) > 0',
      annotations: {
        summary: "Argo CD app {{ $labels.name }} is {{ $labels.health_status }}",
        description: `The Argo CD application has been {{ $labels.health_status }} for ${tier.syncFailingFor}. Check \`argocd app get {{ $labels.name }}\`.`,
      },
    },
    {
      ...base,
      alert: "ArgoCdMetricsAbsent",
      expression: "absent(argocd_app_info)",
      annotations: {
        summary: "No Argo CD application metrics (argocd_app_info) are collected",
        description: `Argo CD sync alerts cannot fire: argocd_app_info has been absent for ${tier.syncFailingFor}. Check the argocd-application-controller and the PodMonitor in namespace gitops-monitoring.`,
      },
    },
  ];
}

/** Platform alerts: node not ready or under pressure, pods crash-looping, volumes filling up, cluster CPU / memory pressure. */
export function platformAlertRules(environment: Environment, tier: AlertTierSettings): AlertRule[] {
  const base = { severity: tier.severity, labels: commonLabels(environment, tier, "platform") };
  return [...nodeAlertRules(base, tier), ...clusterPressureAlertRules(base, tier)];
}

/** What every platform alert of an environment shares: its severity and labels. */
interface AlertBase {
  readonly severity: number;
  readonly labels: Record<string, string>;
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** Alerts on nodes, pods and volumes: not ready, under pressure, crash-looping, filling up. */
function nodeAlertRules(base: AlertBase, tier: AlertTierSettings): AlertRule[] {
  return [
    {
      ...base,
      alert: "KubeNodeNotReady",
      expression: 'kube_node_status_condition{condition="Ready", status="true"} == 0',
      for: tier.platformFor,
      annotations: {
        summary: "Node {{ $labels.node }} is not ready",
        description: `The node has not been Ready for ${tier.platformFor}.`,
      },
    },
    {
      ...base,
      alert: "KubeNodePressure",
      expression: 'kube_node_status_condition{condition=~"MemoryPressure|DiskPressure|PIDPressure", status="true"} == 1',
      for: tier.platformFor,
      annotations: {
        summary: "Node {{ $labels.node }} reports {{ $labels.condition }}",
        description: `The node has reported {{ $labels.condition }} for ${tier.platformFor}; the kubelet evicts pods under pressure.`,
      },
    },
    {
      ...base,
      alert: "KubePodCrashLooping",
      expression: 'max by (namespace, pod, container) (max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m])) >= 1',
      for: tier.platformFor,
      annotations: {
        summary: "Container {{ $labels.namespace }}/{{ $labels.pod }}/{{ $labels.container }} is crash-looping",
        description: `The container has been in CrashLoopBackOff for ${tier.platformFor}. Check \`kubectl logs --previous\`.`,
      },
    },
    {
      ...base,
      alert: "KubePersistentVolumeFillingUp",
      expression: `max by (namespace, persistentvolumeclaim) (kubelet_volume_stats_used_bytes / kubelet_volume_stats_capacity_bytes) > ${ALERT_THRESHOLDS.volumeUsedRatio}`,
      for: tier.platformFor,
      annotations: {
        summary: "Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is {{ $value | humanizePercentage }} full",
        description: `The persistent volume claim has been more than ${percent(ALERT_THRESHOLDS.volumeUsedRatio)} full for ${tier.platformFor}.`,
      },
    },
  ];
}

/** Alerts on the whole cluster's CPU and memory. */
function clusterPressureAlertRules(base: AlertBase, tier: AlertTierSettings): AlertRule[] {
  return [
    {
      ...base,
      alert: "ClusterCpuPressure",
      expression: `1 - avg by (cluster) (rate(node_cpu_seconds_total{mode="idle"}[5m])) > ${ALERT_THRESHOLDS.cpuUtilisationRatio}`,
      for: tier.pressureFor,
      annotations: {
        summary: "Cluster {{ $labels.cluster }} CPU utilisation is {{ $value | humanizePercentage }}",
        description: `Average CPU utilisation of all nodes has been above ${percent(ALERT_THRESHOLDS.cpuUtilisationRatio)} for ${tier.pressureFor}; raise the node pool's maxCount or VM size.`,
      },
    },
    {
      ...base,
      alert: "ClusterMemoryPressure",
      expression: `1 - sum by (cluster) (node_memory_MemAvailable_bytes) / sum by (cluster) (node_memory_MemTotal_bytes) > ${ALERT_THRESHOLDS.memoryUtilisationRatio}`,
      for: tier.pressureFor,
      annotations: {
        summary: "Cluster {{ $labels.cluster }} memory utilisation is {{ $value | humanizePercentage }}",
        description: `Memory in use on all nodes has been above ${percent(ALERT_THRESHOLDS.memoryUtilisationRatio)} for ${tier.pressureFor}; raise the node pool's maxCount or VM size.`,
      },
    },
  ];
}

/**
 * Availability alerts of one app (a Deployment): fewer replicas available than desired, and container
 * restarts. The app's own thresholds (`alerts`) override the tier's. `target` must be valid
 * (see `appAlertTargetProblems`): its name and namespace go into label matchers.
 */
export function appAlertRules(environment: Environment, tier: AlertTierSettings, target: AppAlertTarget): AlertRule[] {
  const own = target.alerts ?? {};
  const severity = own.severity ?? tier.severity;
  const unavailableFor = own.unavailableFor ?? tier.appUnavailableFor;
  const maxRestarts = own.maxRestartsIn15m ?? tier.maxRestartsIn15m;
  const labels = { ...commonLabels(environment, tier, "app"), app: target.name };
  const deployment = `namespace="${target.namespace}", deployment="${target.name}"`;
  // Pods of a Deployment are named <deployment>-<pod-template-hash>-<5 characters>.
  const pods = `namespace="${target.namespace}", pod=~"${target.name}-[a-z0-9]+-[a-z0-9]{5}"`;
  return [
    {
      alert: "AppReplicasUnavailable",
      expression: `kube_deployment_spec_replicas{${deployment}} - kube_deployment_status_replicas_available{${deployment}} > 0`,
      for: unavailableFor,
      severity,
      labels,
      annotations: {
        summary: `App ${target.namespace}/${target.name} has {{ $value }} unavailable replica(s)`,
        description: `Fewer replicas of ${target.name} than desired have been available for ${unavailableFor}. Check \`kubectl -n ${target.namespace} describe deployment ${target.name}\`.`,
      },
    },
    {
      alert: "AppContainerRestarts",
      expression: `sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total{${pods}}[15m])) > ${maxRestarts}`,
      severity,
      labels,
      annotations: {
        summary: `Pod {{ $labels.pod }} of app ${target.namespace}/${target.name} restarted {{ $value | printf "%.0f" }} times in 15 minutes`,
        description: `Containers of ${target.name} restarted more than ${maxRestarts} times within 15 minutes. Check \`kubectl -n ${target.namespace} logs --previous {{ $labels.pod }}\`.`,
      },
    },
  ];
}
