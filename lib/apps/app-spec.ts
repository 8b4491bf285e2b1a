import { z } from "zod";
import { AppAlertThresholdsSchema } from "../environment/app-alert-thresholds";

/**
 * How an app's Kubernetes objects reach the cluster.
 * - `gitops`: YAML files under `cdktf.out/gitops/<env>/apps/<app>/`, synced by Flux / Argo CD.
 * - `terraform`: `kubernetes_manifest` resources in the app's Terraform stack, applied by Terraform.
 */
export const AppDeliverySchema = z.enum(["gitops", "terraform"]);
/** How an app's Kubernetes objects reach the cluster: `gitops` or `terraform`. */
export type AppDelivery = z.infer<typeof AppDeliverySchema>;

/** CPU and memory of the app's container, as Kubernetes quantities. */
export const AppResourcesSchema = z.strictObject({
  /**
   * CPU request, e.g. `250m` or `1`.
   * @default "100m"
   */
  cpu: z.string().optional(),
  /**
   * Memory request, e.g. `256Mi`.
   * @default "128Mi"
   */
  memory: z.string().optional(),
  /**
   * CPU limit.
   * @default - none (CPU limits throttle; requests reserve the CPU)
   */
  cpuLimit: z.string().optional(),
  /**
   * Memory limit.
   * @default - the memory request
   */
  memoryLimit: z.string().optional(),
});
/** CPU and memory of the app's container, as Kubernetes quantities. */
export type AppResources = z.infer<typeof AppResourcesSchema>;

/** A health probe: HTTP GET when `path` is set, TCP connect otherwise. */
export const AppProbeSchema = z.strictObject({
  /**
   * HTTP path to GET, e.g. `/healthz`.
   * @default - a TCP connect to the port
   */
  path: z.string().optional(),
  /**
   * Container port to probe (1-65535).
   * @default - the app's port
   */
  port: z.number().optional(),
  /**
   * Seconds before the first probe.
   * @default 0
   */
  initialDelaySeconds: z.number().optional(),
  /**
   * Seconds between probes.
   * @default 10
   */
  periodSeconds: z.number().optional(),
  /**
   * Seconds after which a probe times out.
   * @default 1
   */
  timeoutSeconds: z.number().optional(),
  /**
   * Consecutive failures before the probe fails.
   * @default 3
   */
  failureThreshold: z.number().optional(),
});
/** A health probe: HTTP GET when `path` is set, TCP connect otherwise. */
export type AppProbe = z.infer<typeof AppProbeSchema>;

/** The probes of the app's container. */
export const AppProbesSchema = z.strictObject({
  /**
   * Readiness: the pod receives traffic only while it passes.
   * @default - TCP connect to the app's port
   */
  readiness: AppProbeSchema.optional(),
  /**
   * Liveness: the container is restarted when it fails.
   * @default - TCP connect to the app's port, first after 10 seconds
   */
  liveness: AppProbeSchema.optional(),
  /**
   * Startup: liveness and readiness wait until it passes once.
   * @default - none
   */
  startup: AppProbeSchema.optional(),
});
/** The probes of the app's container. */
export type AppProbes = z.infer<typeof AppProbesSchema>;

/** Horizontal pod autoscaling on CPU utilization. */
export const AppAutoscaleSchema = z.strictObject({
  /** Lower bound of replicas (1-1000). */
  minReplicas: z.number(),
  /** Upper bound of replicas (1-1000, at least `minReplicas`). */
  maxReplicas: z.number(),
  /**
   * Average CPU utilization (percent of the request) to hold (1-100).
   * @default 70
   */
  targetCpuUtilizationPercent: z.number().optional(),
});
/** Horizontal pod autoscaling on CPU utilization. */
export type AppAutoscale = z.infer<typeof AppAutoscaleSchema>;

/**
 * A reference to a Key Vault secret of the environment's vault. The library never handles secret values:
 * the Secrets Store CSI driver reads the secret in the cluster with the app's workload identity.
 */
export const AppSecretRefSchema = z.strictObject({
  /** Name of the secret in the environment's Key Vault (1-127 letters, digits and hyphens). */
  keyVaultSecret: z.string(),
  /**
   * Secret version.
   * @default - the latest version (rotated into the pod by the secrets provider)
   */
  version: z.string().optional(),
}, { error: (issue) => (issue.code === "invalid_type" ? 'is a literal value; secrets must be key vault references: { keyVaultSecret: "<secret name>" }' : undefined) });
/**
 * A reference to a Key Vault secret of the environment's vault. The library never handles secret values:
 * the Secrets Store CSI driver reads the secret in the cluster with the app's workload identity.
 */
export type AppSecretRef = z.infer<typeof AppSecretRefSchema>;

/** How the app is exposed outside its namespace through an ingress controller. */
export const AppIngressSchema = z.strictObject({
  /** Host name, e.g. `shop.contoso.com`. */
  host: z.string(),
  /**
   * Path prefix (`pathType: Prefix`): '/'-separated segments of letters, digits, '.', '_' and '-', e.g. `/api`.
   * @default "/"
   */
  path: z.string().optional(),
  /**
   * Ingress class.
   * @default "webapprouting.kubernetes.azure.com" - the AKS application routing add-on
   */
  className: z.string().optional(),
  /**
   * Namespace of the ingress controller pods, allowed through the app's network policy.
   * @default "app-routing-system"
   */
  controllerNamespace: z.string().optional(),
  /**
   * Name of the TLS secret for `host` in the app's namespace.
   * @default - no TLS block
   */
  tlsSecretName: z.string().optional(),
});
/** How the app is exposed outside its namespace through an ingress controller. */
export type AppIngress = z.infer<typeof AppIngressSchema>;

/** The fields an environment may override. Maps (`env`, `config`, `secrets`) are merged over the base. */
export const AppOverridesSchema = z.strictObject({
  /**
   * A fixed replica count; replaces the app's `autoscale` in this environment.
   * @default - the app's value
   */
  replicas: z.number().optional(),
  /** @default - the app's value */
  autoscale: AppAutoscaleSchema.optional(),
  /** @default - the app's value */
  resources: AppResourcesSchema.optional(),
  /** @default - none: merged over the app's `env` */
  env: z.record(z.string(), z.string()).optional(),
  /** @default - none: merged over the app's `config` */
  config: z.record(z.string(), z.string()).optional(),
  /** @default - none: merged over the app's `secrets` */
  secrets: z.record(z.string(), AppSecretRefSchema).optional(),
  /** @default - the app's value */
  ingress: AppIngressSchema.optional(),
  /** @default - the app's value */
  alerts: AppAlertThresholdsSchema.optional(),
  /** @default - the app's value */
  delivery: AppDeliverySchema.optional(),
});
/** The fields an environment may override. Maps (`env`, `config`, `secrets`) are merged over the base. */
export type AppOverrides = z.infer<typeof AppOverridesSchema>;

/**
 * A containerized service, deployed immutably to every environment that has a pinned image for it.
 * The image itself comes from the environment's pins (`registry/repo[:tag]@sha256:<digest>`).
 */
export const AppSpecSchema = z.strictObject({
  /**
   * App name: 2-40 lower-case letters, digits and hyphens, starting with a letter and ending with a letter
   * or digit. It names the namespace, the Kubernetes objects, the `<env>-app-<name>` stack and the identity.
   */
  name: z.string(),
  /**
   * The image repository (`registry/repo`) that the pins must name, e.g. `acrcontoso.azurecr.io/web`.
   * @default - any repository
   */
  image: z.string().optional(),
  /** The container port the app listens on (1-65535). */
  port: z.number(),
  /**
   * The port of the app's Service (1-65535).
   * @default 80
   */
  servicePort: z.number().optional(),
  /**
   * Fixed number of replicas, when `autoscale` is not set (1-1000).
   * @default 2
   */
  replicas: z.number().optional(),
  /**
   * Autoscaling bounds; when set, a HorizontalPodAutoscaler owns the replica count.
   * @default - no autoscaling: `replicas` replicas
   */
  autoscale: AppAutoscaleSchema.optional(),
  /**
   * Requests and limits of the container.
   * @default - 100m CPU and 128Mi memory requested, memory limited to the request
   */
  resources: AppResourcesSchema.optional(),
  /**
   * Health probes.
   * @default - readiness and liveness TCP probes on the port
   */
  probes: AppProbesSchema.optional(),
  /**
   * Plain environment variables (never secrets: use `secrets`).
   * @default - none
   */
  env: z.record(z.string(), z.string()).optional(),
  /**
   * Config files: file name → content, in a ConfigMap with a content-hashed name, mounted read-only at
   * `configMountPath`.
   * @default - none
   */
  config: z.record(z.string(), z.string()).optional(),
  /**
   * Where config files are mounted.
   * @default "/etc/<name>"
   */
  configMountPath: z.string().optional(),
  /**
   * Secrets: name → Key Vault secret reference. Literal values are rejected. Read in the cluster through a
   * SecretProviderClass with the app's workload identity, as files or environment variables (`secretsAs`).
   * @default - none
   */
  secrets: z.record(z.string(), AppSecretRefSchema).optional(),
  /**
   * How the app receives its secrets. `file`: only as files `/mnt/secrets-store/<name>` of the CSI volume,
   * rotated in place, with no Kubernetes Secret at all. `environment`: also as environment variables of the
   * same names, from a Kubernetes Secret the driver syncs (readable by anyone who may read Secrets in the
   * namespace, fixed for the life of the process, visible in /proc and crash dumps).
   * @default "file"
   */
  secretsAs: z.enum(["file", "environment"]).optional(),
  /**
   * Namespaces whose pods may reach the app's port, besides the app's own namespace (and the ingress
   * controller when `ingress` is set). Everything else is denied.
   * @default - none
   */
  allowFromNamespaces: z.array(z.string()).readonly().optional(),
  /**
   * Expose the app through an Ingress.
   * @default - no Ingress: reachable inside the cluster through its Service only
   */
  ingress: AppIngressSchema.optional(),
  /**
   * User id the container runs as (non-root, 1-2147483647).
   * @default 10001
   */
  runAsUser: z.number().optional(),
  /**
   * PriorityClass of the app's pods, e.g. `apps-critical` or `apps-standard` of the cluster baseline.
   * @default - none: the cluster's default priority
   */
  priorityClassName: z.string().optional(),
  /**
   * Alert thresholds for the environment's monitoring.
   * @default - the tier defaults
   */
  alerts: AppAlertThresholdsSchema.optional(),
  /**
   * How the Kubernetes objects are delivered.
   * @default "gitops"
   */
  delivery: AppDeliverySchema.optional(),
  /**
   * Per-environment overrides, by environment name.
   * @default - none
   */
  environments: z.record(z.string(), AppOverridesSchema).optional(),
});
/**
 * A containerized service, deployed immutably to every environment that has a pinned image for it.
 * The image itself comes from the environment's pins (`registry/repo[:tag]@sha256:<digest>`).
 */
export type AppSpec = z.infer<typeof AppSpecSchema>;
