import { Tier } from "../environment/environment-spec";

/**
 * How the alerts of one tier behave: how severe they are, whether they page, and how long a condition must
 * hold before an alert fires. Durations are Prometheus durations (`5m`, `1h`).
 */
export interface AlertTierSettings {
  /** Azure Monitor severity of every alert of the tier (0 = critical … 4 = verbose). */
  readonly severity: number;
  /** Whether the tier's alerts page on-call: written as the `page` label (`"true"` / `"false"`) of every alert. */
  readonly pages: boolean;
  /** GitOps sync alerts (Flux resource not ready, Argo CD app out of sync / unhealthy, sync metrics absent). */
  readonly syncFailingFor: string;
  /** Node not ready, node pressure, pods crash-looping, persistent volume filling up. */
  readonly platformFor: string;
  /** Cluster CPU / memory utilisation above the threshold. */
  readonly pressureFor: string;
  /** An app with fewer available replicas than desired (default of `AppAlertThresholds.unavailableFor`). */
  readonly appUnavailableFor: string;
  /** Container restarts of an app's pod within 15 minutes that fire the restarts alert (default of `maxRestartsIn15m`). */
  readonly maxRestartsIn15m: number;
}

/** Thresholds that hold for every tier. */
export const ALERT_THRESHOLDS = {
  /** A persistent volume is filling up above this used / capacity ratio. */
  volumeUsedRatio: 0.85,
  /** Cluster CPU pressure: average non-idle CPU share of all nodes. */
  cpuUtilisationRatio: 0.8,
  /** Cluster memory pressure: share of node memory not available. */
  memoryUtilisationRatio: 0.85,
} as const;

const ALERT_TIERS: Readonly<Record<Tier, AlertTierSettings>> = {
  dev: { severity: 3, pages: false, syncFailingFor: "30m", platformFor: "15m", pressureFor: "1h", appUnavailableFor: "15m", maxRestartsIn15m: 3 },
  staging: { severity: 2, pages: false, syncFailingFor: "15m", platformFor: "10m", pressureFor: "30m", appUnavailableFor: "10m", maxRestartsIn15m: 3 },
  prod: { severity: 1, pages: true, syncFailingFor: "10m", platformFor: "5m", pressureFor: "15m", appUnavailableFor: "5m", maxRestartsIn15m: 3 },
};

/** The alert settings of a tier. */
export function alertTierSettings(tier: Tier): AlertTierSettings {
  return ALERT_TIERS[tier];
}
