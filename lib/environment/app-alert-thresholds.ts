import { z } from "zod";

/**
 * An app's own availability alert thresholds, set on the app spec (`alerts`) and turned into Prometheus
 * alert rules by the environment's monitoring stack. Unset fields use the tier's defaults.
 */
export const AppAlertThresholdsSchema = z.strictObject({
  /**
   * Container restarts within 15 minutes that raise the restarts alert (1-100).
   * @default 3
   */
  maxRestartsIn15m: z.number().optional(),
  /**
   * How long fewer replicas than desired may be available before the availability alert fires,
   * a Prometheus duration such as `5m`.
   * @default "5m" for prod, "10m" for staging, "15m" for dev
   */
  unavailableFor: z.string().optional(),
  /**
   * Severity of the app's alerts (Azure Monitor severity, 0 = critical to 4 = verbose).
   * @default - the tier's severity (prod 1, staging 2, dev 3)
   */
  severity: z.number().optional(),
});
/** An app's own availability alert thresholds (see `AppAlertThresholdsSchema`). */
export type AppAlertThresholds = z.infer<typeof AppAlertThresholdsSchema>;

/** What the monitoring stack needs to know of one app to alert on it. */
export interface AppAlertTarget {
  /** App name (the Deployment's name). */
  readonly name: string;
  /** Kubernetes namespace of the app. */
  readonly namespace: string;
  /**
   * The app's own thresholds.
   * @default - the tier defaults
   */
  readonly alerts?: AppAlertThresholds;
}
