/**
 * The defaults of an app spec, named once: `resolveApp` applies them and validation reads them (e.g. a
 * limit is compared with the request the app will really get).
 */

/** CPU request of an app that does not set one. */
export const DEFAULT_CPU_REQUEST = "100m";
/** Memory request of an app that does not set one (the memory limit defaults to the request). */
export const DEFAULT_MEMORY_REQUEST = "128Mi";
/** Replicas of an app without autoscaling that does not set them. */
export const DEFAULT_REPLICAS = 2;
/** Average CPU utilization an autoscaled app holds unless it sets one (percent of the request). */
export const DEFAULT_TARGET_CPU_UTILIZATION = 70;
/** The port of the app's Service unless it sets one. */
export const DEFAULT_SERVICE_PORT = 80;
/** The user id the container runs as unless the app sets one (non-root). */
export const DEFAULT_RUN_AS_USER = 10001;
/** The ingress class of the AKS application routing add-on. */
export const DEFAULT_INGRESS_CLASS = "webapprouting.kubernetes.azure.com";
/** The namespace of the AKS application routing add-on's controller pods. */
export const DEFAULT_INGRESS_CONTROLLER_NAMESPACE = "app-routing-system";
/** The Ingress path of an app that does not set one. */
export const DEFAULT_INGRESS_PATH = "/";
/** How an app's objects are delivered unless it says. */
export const DEFAULT_APP_DELIVERY = "gitops" as const;
/** Probe defaults (Kubernetes' own), and the first liveness probe's delay. */
export const DEFAULT_PROBE = { periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3, livenessInitialDelaySeconds: 10 } as const;

/** Where config files are mounted unless the app says. */
export function defaultConfigMountPath(app: string): string {
  return `/etc/${app}`;
}
