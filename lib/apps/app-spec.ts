import { AppAlertThresholds } from "../environment/app-alert-thresholds";

/**
 * How an app's Kubernetes objects reach the cluster.
 * - `gitops`: YAML files under `cdktf.out/gitops/<env>/apps/<app>/`, synced by Flux / Argo CD.
 * - `terraform`: `kubernetes_manifest` resources in the app's Terraform stack, applied by Terraform.
 */
export type AppDelivery = "gitops" | "terraform";

/** CPU and memory of the app's container, as Kubernetes quantities. */
export interface AppResources {
  /**
   * CPU request, e.g. `250m` or `1`.
   * @default "100m"
   */
  readonly cpu?: string;
  /**
   * Memory request, e.g. `256Mi`.
   * @default "128Mi"
   */
  readonly memory?: string;
  /**
   * CPU limit.
   * @default - none (CPU limits throttle; requests reserve the CPU)
   */
  readonly cpuLimit?: string;
  /**
   * Memory limit.
   * @default - the memory request
   */
  readonly memoryLimit?: string;
}

/** A health probe: HTTP GET when `path` is set, TCP connect otherwise. */
export interface AppProbe {
  /**
   * HTTP path to GET, e.g. `/healthz`.
   * @default - a TCP connect to the port
   */
  readonly path?: string;
  /**
   * Container port to probe (1-65535).
   * @default - the app's port
   */
  readonly port?: number;
  /**
   * Seconds before the first probe.
   * @default 0
   */
  readonly initialDelaySeconds?: number;
  /**
   * Seconds between probes.
   * @default 10
   */
  readonly periodSeconds?: number;
  /**
   * Seconds after which a probe times out.
   * @default 1
   */
  readonly timeoutSeconds?: number;
  /**
   * Consecutive failures before the probe fails.
   * @default 3
   */
  readonly failureThreshold?: number;
}

/** The probes of the app's container. */
export interface AppProbes {
  /**
   * Readiness: the pod receives traffic only while it passes.
   * @default - TCP connect to the app's port
   */
  readonly readiness?: AppProbe;
  /**
   * Liveness: the container is restarted when it fails.
   * @default - TCP connect to the app's port, first after 10 seconds
   */
  readonly liveness?: AppProbe;
  /**
   * Startup: liveness and readiness wait until it passes once.
   * @default - none
   */
  readonly startup?: AppProbe;
}

/** Horizontal pod autoscaling on CPU utilization. */
export interface AppAutoscale {
  /** Lower bound of replicas (1-1000). */
  readonly minReplicas: number;
  /** Upper bound of replicas (1-1000, at least `minReplicas`). */
  readonly maxReplicas: number;
  /**
   * Average CPU utilization (percent of the request) to hold (1-100).
   * @default 70
   */
  readonly targetCpuUtilizationPercent?: number;
}

/**
 * A reference to a Key Vault secret of the environment's vault. The library never handles secret values:
 * the Secrets Store CSI driver reads the secret in the cluster with the app's workload identity.
 */
export interface AppSecretRef {
  /** Name of the secret in the environment's Key Vault (1-127 letters, digits and hyphens). */
  readonly keyVaultSecret: string;
  /**
   * Secret version.
   * @default - the latest version (rotated into the pod by the secrets provider)
   */
  readonly version?: string;
}

/** How the app is exposed outside its namespace through an ingress controller. */
export interface AppIngress {
  /** Host name, e.g. `shop.contoso.com`. */
  readonly host: string;
  /**
   * Path prefix (`pathType: Prefix`): '/'-separated segments of letters, digits, '.', '_' and '-', e.g. `/api`.
   * @default "/"
   */
  readonly path?: string;
  /**
   * Ingress class.
   * @default "webapprouting.kubernetes.azure.com" - the AKS application routing add-on
   */
  readonly className?: string;
  /**
   * Namespace of the ingress controller pods, allowed through the app's network policy.
   * @default "app-routing-system"
   */
  readonly controllerNamespace?: string;
  /**
   * Name of the TLS secret for `host` in the app's namespace.
   * @default - no TLS block
   */
  readonly tlsSecretName?: string;
}

/** The fields an environment may override. Maps (`env`, `config`, `secrets`) are merged over the base. */
export interface AppOverrides {
  /**
   * A fixed replica count; replaces the app's `autoscale` in this environment.
   * @default - the app's value
   */
  readonly replicas?: number;
  /** @default - the app's value */
  readonly autoscale?: AppAutoscale;
  /** @default - the app's value */
  readonly resources?: AppResources;
  /** @default - none: merged over the app's `env` */
  readonly env?: Readonly<Record<string, string>>;
  /** @default - none: merged over the app's `config` */
  readonly config?: Readonly<Record<string, string>>;
  /** @default - none: merged over the app's `secrets` */
  readonly secrets?: Readonly<Record<string, AppSecretRef>>;
  /** @default - the app's value */
  readonly ingress?: AppIngress;
  /** @default - the app's value */
  readonly alerts?: AppAlertThresholds;
  /** @default - the app's value */
  readonly delivery?: AppDelivery;
}

/**
 * A containerized service, deployed immutably to every environment that has a pinned image for it.
 * The image itself comes from the environment's pins (`registry/repo[:tag]@sha256:<digest>`).
 */
export interface AppSpec {
  /**
   * App name: 2-40 lower-case letters, digits and hyphens, starting with a letter and ending with a letter
   * or digit. It names the namespace, the Kubernetes objects, the `<env>-app-<name>` stack and the identity.
   */
  readonly name: string;
  /**
   * The image repository (`registry/repo`) that the pins must name, e.g. `acrcontoso.azurecr.io/web`.
   * @default - any repository
   */
  readonly image?: string;
  /** The container port the app listens on (1-65535). */
  readonly port: number;
  /**
   * The port of the app's Service (1-65535).
   * @default 80
   */
  readonly servicePort?: number;
  /**
   * Fixed number of replicas, when `autoscale` is not set (1-1000).
   * @default 2
   */
  readonly replicas?: number;
  /**
   * Autoscaling bounds; when set, a HorizontalPodAutoscaler owns the replica count.
   * @default - no autoscaling: `replicas` replicas
   */
  readonly autoscale?: AppAutoscale;
  /**
   * Requests and limits of the container.
   * @default - 100m CPU and 128Mi memory requested, memory limited to the request
   */
  readonly resources?: AppResources;
  /**
   * Health probes.
   * @default - readiness and liveness TCP probes on the port
   */
  readonly probes?: AppProbes;
  /**
   * Plain environment variables (never secrets: use `secrets`).
   * @default - none
   */
  readonly env?: Readonly<Record<string, string>>;
  /**
   * Config files: file name → content, in a ConfigMap with a content-hashed name, mounted read-only at
   * `configMountPath`.
   * @default - none
   */
  readonly config?: Readonly<Record<string, string>>;
  /**
   * Where config files are mounted.
   * @default "/etc/<name>"
   */
  readonly configMountPath?: string;
  /**
   * Secrets: name → Key Vault secret reference. Literal values are rejected. Read in the cluster through a
   * SecretProviderClass with the app's workload identity, as files or environment variables (`secretsAs`).
   * @default - none
   */
  readonly secrets?: Readonly<Record<string, AppSecretRef>>;
  /**
   * How the app receives its secrets. `file`: only as files `/mnt/secrets-store/<name>` of the CSI volume,
   * rotated in place, with no Kubernetes Secret at all. `environment`: also as environment variables of the
   * same names, from a Kubernetes Secret the driver syncs (readable by anyone who may read Secrets in the
   * namespace, fixed for the life of the process, visible in /proc and crash dumps).
   * @default "file"
   */
  readonly secretsAs?: "file" | "environment";
  /**
   * Namespaces whose pods may reach the app's port, besides the app's own namespace (and the ingress
   * controller when `ingress` is set). Everything else is denied.
   * @default - none
   */
  readonly allowFromNamespaces?: readonly string[];
  /**
   * Expose the app through an Ingress.
   * @default - no Ingress: reachable inside the cluster through its Service only
   */
  readonly ingress?: AppIngress;
  /**
   * User id the container runs as (non-root, 1-2147483647).
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * PriorityClass of the app's pods, e.g. `apps-critical` or `apps-standard` of the cluster baseline.
   * @default - none: the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * Alert thresholds for the environment's monitoring.
   * @default - the tier defaults
   */
  readonly alerts?: AppAlertThresholds;
  /**
   * How the Kubernetes objects are delivered.
   * @default "gitops"
   */
  readonly delivery?: AppDelivery;
  /**
   * Per-environment overrides, by environment name.
   * @default - none
   */
  readonly environments?: Readonly<Record<string, AppOverrides>>;
}

/** Pinned image references: environment name → app name → `registry/repo[:tag]@sha256:<digest>`. */
export type AppPins = Readonly<Record<string, Readonly<Record<string, string>>>>;
