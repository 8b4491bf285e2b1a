import { AppAlertThresholds } from "../environment/app-alert-thresholds";
import { AppDelivery, AppIngress, AppProbe, AppSecretRef, AppSpec } from "./app-spec";
import {
  DEFAULT_APP_DELIVERY,
  DEFAULT_CPU_REQUEST,
  DEFAULT_INGRESS_CLASS,
  DEFAULT_INGRESS_CONTROLLER_NAMESPACE,
  DEFAULT_INGRESS_PATH,
  DEFAULT_MEMORY_REQUEST,
  DEFAULT_PROBE,
  DEFAULT_REPLICAS,
  DEFAULT_RUN_AS_USER,
  DEFAULT_SERVICE_PORT,
  DEFAULT_TARGET_CPU_UTILIZATION,
  defaultConfigMountPath,
} from "./app-defaults";
import { ownValue } from "../core/own";
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
  const overrides = ownValue(spec.environments, environment) ?? {};
  const autoscale = overrides.autoscale ?? (overrides.replicas === undefined ? spec.autoscale : undefined);
  const resources = overrides.resources ?? spec.resources ?? {};
  const ingress = overrides.ingress ?? spec.ingress;
  const memory = resources.memory ?? DEFAULT_MEMORY_REQUEST;
  const probe = (given: AppProbe | undefined, initialDelaySeconds: number): ResolvedProbe => ({
    path: given?.path,
    port: given?.port ?? spec.port,
    initialDelaySeconds: given?.initialDelaySeconds ?? initialDelaySeconds,
    periodSeconds: given?.periodSeconds ?? DEFAULT_PROBE.periodSeconds,
    timeoutSeconds: given?.timeoutSeconds ?? DEFAULT_PROBE.timeoutSeconds,
    failureThreshold: given?.failureThreshold ?? DEFAULT_PROBE.failureThreshold,
  });
  return {
    name: spec.name,
    namespace: spec.name,
    environment,
    image,
    port: spec.port,
    servicePort: spec.servicePort ?? DEFAULT_SERVICE_PORT,
    replicas: autoscale ? undefined : overrides.replicas ?? spec.replicas ?? DEFAULT_REPLICAS,
    autoscale: autoscale && { ...autoscale, targetCpuUtilizationPercent: autoscale.targetCpuUtilizationPercent ?? DEFAULT_TARGET_CPU_UTILIZATION },
    resources: { cpu: resources.cpu ?? DEFAULT_CPU_REQUEST, memory, cpuLimit: resources.cpuLimit, memoryLimit: resources.memoryLimit ?? memory },
    readinessProbe: probe(spec.probes?.readiness, 0),
    livenessProbe: probe(spec.probes?.liveness, DEFAULT_PROBE.livenessInitialDelaySeconds),
    startupProbe: spec.probes?.startup && probe(spec.probes.startup, 0),
    env: { ...spec.env, ...overrides.env },
    config: { ...spec.config, ...overrides.config },
    configMountPath: spec.configMountPath ?? defaultConfigMountPath(spec.name),
    secrets: { ...spec.secrets, ...overrides.secrets },
    secretsAs: spec.secretsAs ?? "file",
    allowFromNamespaces: [...new Set(spec.allowFromNamespaces ?? [])].sort(),
    ingress: ingress && {
      host: ingress.host,
      path: ingress.path ?? DEFAULT_INGRESS_PATH,
      className: ingress.className ?? DEFAULT_INGRESS_CLASS,
      controllerNamespace: ingress.controllerNamespace ?? DEFAULT_INGRESS_CONTROLLER_NAMESPACE,
      tlsSecretName: ingress.tlsSecretName,
    },
    runAsUser: spec.runAsUser ?? DEFAULT_RUN_AS_USER,
    priorityClassName: spec.priorityClassName,
    alerts: overrides.alerts ?? spec.alerts,
    delivery: overrides.delivery ?? spec.delivery ?? DEFAULT_APP_DELIVERY,
  };
}
