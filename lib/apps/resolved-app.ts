import { AppAlertThresholds } from "../environment/app-alert-thresholds";
import { AppDelivery, AppIngress, AppProbe, AppSecretRef, AppSpec } from "./app-spec";
import { parsePinnedImage, PinnedImage } from "./image-reference";

/** A probe with every default applied. */
export interface ResolvedProbe {
  readonly path?: string;
  readonly port: number;
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

/** An app in one environment: the spec with the environment's overrides and every default applied. */
export interface ResolvedApp {
  readonly name: string;
  /** The app's namespace (the app name). */
  readonly namespace: string;
  /** The environment's name. */
  readonly environment: string;
  readonly image: PinnedImage;
  readonly port: number;
  readonly servicePort: number;
  /** Fixed replica count; undefined when autoscaling owns it. */
  readonly replicas?: number;
  readonly autoscale?: { readonly minReplicas: number; readonly maxReplicas: number; readonly targetCpuUtilizationPercent: number };
  readonly resources: { readonly cpu: string; readonly memory: string; readonly cpuLimit?: string; readonly memoryLimit: string };
  readonly readinessProbe: ResolvedProbe;
  readonly livenessProbe: ResolvedProbe;
  readonly startupProbe?: ResolvedProbe;
  readonly env: Readonly<Record<string, string>>;
  readonly config: Readonly<Record<string, string>>;
  readonly configMountPath: string;
  readonly secrets: Readonly<Record<string, AppSecretRef>>;
  readonly secretsAs: "file" | "environment";
  readonly allowFromNamespaces: readonly string[];
  readonly ingress?: Required<Omit<AppIngress, "tlsSecretName">> & { readonly tlsSecretName?: string };
  readonly runAsUser: number;
  readonly priorityClassName?: string;
  readonly alerts?: AppAlertThresholds;
  readonly delivery: AppDelivery;
}

/**
 * Applies an environment's overrides and the defaults to a valid app spec, with the environment's pinned
 * image reference. Throws when the image is not pinned by digest.
 */
export function resolveApp(spec: AppSpec, environment: string, imageReference: string): ResolvedApp {
  const image = parsePinnedImage(imageReference);
  if (typeof image === "string") throw new Error(`${environment}/apps/${spec.name}: ${image}`);
  const overrides = spec.environments?.[environment] ?? {};
  const autoscale = overrides.autoscale ?? (overrides.replicas === undefined ? spec.autoscale : undefined);
  const resources = overrides.resources ?? spec.resources ?? {};
  const ingress = overrides.ingress ?? spec.ingress;
  const memory = resources.memory ?? "128Mi";
  const probe = (given: AppProbe | undefined, initialDelaySeconds: number): ResolvedProbe => ({
    path: given?.path,
    port: given?.port ?? spec.port,
    initialDelaySeconds: given?.initialDelaySeconds ?? initialDelaySeconds,
    periodSeconds: given?.periodSeconds ?? 10,
    timeoutSeconds: given?.timeoutSeconds ?? 1,
    failureThreshold: given?.failureThreshold ?? 3,
  });
  return {
    name: spec.name,
    namespace: spec.name,
    environment,
    image,
    port: spec.port,
    servicePort: spec.servicePort ?? 80,
    replicas: autoscale ? undefined : overrides.replicas ?? spec.replicas ?? 2,
    autoscale: autoscale && { ...autoscale, targetCpuUtilizationPercent: autoscale.targetCpuUtilizationPercent ?? 70 },
    resources: { cpu: resources.cpu ?? "100m", memory, cpuLimit: resources.cpuLimit, memoryLimit: resources.memoryLimit ?? memory },
    readinessProbe: probe(spec.probes?.readiness, 0),
    livenessProbe: probe(spec.probes?.liveness, 10),
    startupProbe: spec.probes?.startup && probe(spec.probes.startup, 0),
    env: { ...spec.env, ...overrides.env },
    config: { ...spec.config, ...overrides.config },
    configMountPath: spec.configMountPath ?? `/etc/${spec.name}`,
    secrets: { ...spec.secrets, ...overrides.secrets },
    secretsAs: spec.secretsAs ?? "file",
    allowFromNamespaces: [...new Set(spec.allowFromNamespaces ?? [])].sort(),
    ingress: ingress && {
      host: ingress.host,
      path: ingress.path ?? "/",
      className: ingress.className ?? "webapprouting.kubernetes.azure.com",
      controllerNamespace: ingress.controllerNamespace ?? "app-routing-system",
      tlsSecretName: ingress.tlsSecretName,
    },
    runAsUser: spec.runAsUser ?? 10001,
    priorityClassName: spec.priorityClassName,
    alerts: overrides.alerts ?? spec.alerts,
    delivery: overrides.delivery ?? spec.delivery ?? "gitops",
  };
}
