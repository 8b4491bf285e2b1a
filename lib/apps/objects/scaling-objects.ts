import { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { ResolvedApp } from "../resolved-app";
import { appSelector, literalMeta } from "./object-meta";

/** The app's PodDisruptionBudget: at most one pod unavailable. */
export function appDisruptionBudget(app: ResolvedApp): KubernetesObject {
  return { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: literalMeta(app, app.name), spec: { maxUnavailable: 1, selector: { matchLabels: appSelector(app) } } };
}

/** The app's HorizontalPodAutoscaler on CPU utilisation; undefined when it does not autoscale. */
export function appAutoscaler(app: ResolvedApp): KubernetesObject | undefined {
  if (!app.autoscale) return undefined;
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: literalMeta(app, app.name),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: app.name },
      minReplicas: app.autoscale.minReplicas,
      maxReplicas: app.autoscale.maxReplicas,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: app.autoscale.targetCpuUtilizationPercent } } }],
    },
  };
}
