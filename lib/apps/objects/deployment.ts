import { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { ResolvedApp, ResolvedProbe } from "../resolved-app";
import { appLabels, appSelector, literalMeta, WORKLOAD_IDENTITY_USE } from "./object-meta";

/** Name of the Secrets Store CSI driver (the CSIDriver object of the AKS add-on). */
const SECRETS_STORE_DRIVER = "secrets-store.csi.k8s.io";

/** The names of the app's hashed config objects its pods mount, when it has them. */
export interface DeploymentMounts {
  /** The ConfigMap of the app's config files. */
  readonly configMap?: string;
  /** The SecretProviderClass of the app's secrets (also the name of the Secret it syncs to). */
  readonly secretProviderClass?: string;
}

/**
 * The app's Deployment: pinned image; non-root, read-only root filesystem, no privilege escalation, all
 * capabilities dropped, seccomp `RuntimeDefault`; probes; rolling update without unavailability; spread over
 * zones and nodes; writable `/tmp`; config and secrets mounted.
 */
export function appDeployment(app: ResolvedApp, mounts: DeploymentMounts): KubernetesObject {
  const { volumes, volumeMounts } = podVolumes(app, mounts);
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: literalMeta(app, app.name),
    spec: {
      ...(app.replicas !== undefined ? { replicas: app.replicas } : {}),
      revisionHistoryLimit: 10,
      selector: { matchLabels: appSelector(app) },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } },
      template: {
        metadata: { labels: { ...appLabels(app), [WORKLOAD_IDENTITY_USE]: "true" } },
        spec: {
          serviceAccountName: app.name,
          automountServiceAccountToken: false,
          ...(app.priorityClassName ? { priorityClassName: app.priorityClassName } : {}),
          securityContext: {
            runAsNonRoot: true,
            runAsUser: app.runAsUser,
            runAsGroup: app.runAsUser,
            fsGroup: app.runAsUser,
            seccompProfile: { type: "RuntimeDefault" },
          },
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: appSelector(app) } },
            { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: appSelector(app) } },
          ],
          containers: [container(app, mounts.secretProviderClass, volumeMounts)],
          volumes,
        },
      },
    },
  };
}

/** The app's one container. */
function container(app: ResolvedApp, secretProviderClass: string | undefined, volumeMounts: readonly object[]): object {
  const env = [
    ...Object.keys(app.env).sort().map((name) => ({ name, value: app.env[name] })),
    // Secrets are files of the CSI volume; only secretsAs "environment" also makes them variables.
    ...(app.secretsAs === "environment" ? Object.keys(app.secrets).sort().map((name) => ({ name, valueFrom: { secretKeyRef: { name: secretProviderClass, key: name } } })) : []),
  ];
  const resources = {
    requests: { cpu: app.resources.cpu, memory: app.resources.memory },
    limits: { memory: app.resources.memoryLimit, ...(app.resources.cpuLimit ? { cpu: app.resources.cpuLimit } : {}) },
  };
  return {
    name: app.name,
    image: app.image.reference,
    imagePullPolicy: "IfNotPresent",
    ports: [{ name: "http", containerPort: app.port, protocol: "TCP" }],
    ...(env.length > 0 ? { env } : {}),
    resources,
    readinessProbe: probe(app.readinessProbe, app.port),
    livenessProbe: probe(app.livenessProbe, app.port),
    ...(app.startupProbe ? { startupProbe: probe(app.startupProbe, app.port) } : {}),
    securityContext: {
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    },
    volumeMounts,
  };
}

/** The pod's volumes and the container's mounts: `/tmp`, the config files and the secrets store. */
function podVolumes(app: ResolvedApp, mounts: DeploymentMounts): { volumes: object[]; volumeMounts: object[] } {
  const volumes: object[] = [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }];
  const volumeMounts: object[] = [{ name: "tmp", mountPath: "/tmp" }];
  if (mounts.configMap) {
    volumes.push({ name: "config", configMap: { name: mounts.configMap } });
    volumeMounts.push({ name: "config", mountPath: app.configMountPath, readOnly: true });
  }
  if (mounts.secretProviderClass) {
    volumes.push({ name: "secrets-store", csi: { driver: SECRETS_STORE_DRIVER, readOnly: true, volumeAttributes: { secretProviderClass: mounts.secretProviderClass } } });
    volumeMounts.push({ name: "secrets-store", mountPath: "/mnt/secrets-store", readOnly: true });
  }
  return { volumes, volumeMounts };
}

function probe(probe: ResolvedProbe, appPort: number): object {
  const port = probe.port === appPort ? "http" : probe.port;
  return {
    ...(probe.path !== undefined ? { httpGet: { path: probe.path, port } } : { tcpSocket: { port } }),
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    failureThreshold: probe.failureThreshold,
  };
}
