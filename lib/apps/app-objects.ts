import { createHash } from "crypto";
import { KustomizePatch } from "../kubernetes/kustomization-file";
import { KubernetesObject } from "../kubernetes/kubernetes-object";
import { ResolvedApp, ResolvedProbe } from "./resolved-app";
import { MANAGED_BY_LABELS } from "../core/labels";
import { sortedRecord } from "../core/sorting";

/** The Azure values the app's objects refer to: literal values, Terraform tokens or Flux variables. */
export interface AppAzureValues {
  /** Client id of the app's managed identity (ServiceAccount annotation, SecretProviderClass). */
  readonly clientId: string;
  /** Azure AD tenant id of the identity and the Key Vault. */
  readonly tenantId: string;
  /** Name of the environment's Key Vault. */
  readonly keyVaultName: string;
}

/** The identity values the sync engine fills in at deploy time: Terraform references or literal values. */
export interface AppIdentityValues {
  /** Client id of the app's managed identity. */
  readonly clientId: string;
  /** Azure AD tenant id of the identity. */
  readonly tenantId: string;
}

/**
 * Name of the Flux post-build variable that holds the client id of an app's identity, e.g. `APP_WEB_CLIENT_ID`
 * for `web` and `APP_MY_API_CLIENT_ID` for `my-api`. App names are lower-case letters, digits and hyphens
 * (never `_`), so the mapping is one-to-one and the result matches Flux's `^[_a-zA-Z][_a-zA-Z0-9]*$`.
 */
export function appClientIdVariable(appName: string): string {
  return `APP_${appName.toUpperCase().replace(/-/g, "_")}_CLIENT_ID`;
}

/** Name of the Flux post-build variable that holds the Azure AD tenant id. */
export const TENANT_ID_VARIABLE = "AZURE_TENANT_ID";

/**
 * Flux substitutes `${var}` in every object of a kustomization that has post-build variables, unless the
 * object carries this annotation. Every app object carries it except the ServiceAccount and the
 * SecretProviderClass, whose only `${...}` are the identity variables; so `${...}` in env values, config
 * files, hosts or paths reaches the cluster unchanged.
 */
export const FLUX_SUBSTITUTE_DISABLED: Readonly<Record<string, string>> = { "kustomize.toolkit.fluxcd.io/substitute": "disabled" };

const CLIENT_ID_ANNOTATION = "azure.workload.identity/client-id";
const TENANT_ID_ANNOTATION = "azure.workload.identity/tenant-id";

/** Name of the Secrets Store CSI driver (the CSIDriver object of the AKS add-on). */
const SECRETS_STORE_DRIVER = "secrets-store.csi.k8s.io";
const WORKLOAD_IDENTITY_USE = "azure.workload.identity/use";
/**
 * Hashed objects stay in the cluster when a newer revision replaces them, so older ReplicaSets keep working.
 * Argo CD reports an Application OutOfSync while a kept object waits for pruning, unless the object is also
 * left out of the sync status (`IgnoreExtraneous`); without it every config change would fire the
 * out-of-sync alert until someone deleted the old objects.
 */
const KEEP_ON_PRUNE = {
  "kustomize.toolkit.fluxcd.io/prune": "disabled",
  "argocd.argoproj.io/sync-options": "Prune=false",
  "argocd.argoproj.io/compare-options": "IgnoreExtraneous",
};

/** Name of the ConfigMap of the app's config files, with a hash of their content, or undefined without config. */
export function configMapName(app: ResolvedApp): string | undefined {
  return Object.keys(app.config).length > 0 ? `${app.name}-config-${contentHash(app.config)}` : undefined;
}

/**
 * The app's Kubernetes objects as plain data: Namespace, ServiceAccount, ConfigMap (when it has config),
 * SecretProviderClass (when it has secrets), Deployment, Service, PodDisruptionBudget,
 * HorizontalPodAutoscaler (when it autoscales), NetworkPolicies (default deny + the app's ingress) and
 * Ingress (when set). Pure: the same input gives the same objects.
 */
export function appObjects(app: ResolvedApp, azure: AppAzureValues): KubernetesObject[] {
  const labels = { "app.kubernetes.io/name": app.name, ...MANAGED_BY_LABELS };
  // A new object at every use: a shared one would be written as a YAML anchor and alias.
  const selector = () => ({ "app.kubernetes.io/name": app.name });
  const meta = (name: string, extra: object = {}) => ({ name, namespace: app.namespace, labels: { ...labels }, ...extra });
  // Objects whose text comes (partly) from the user: Flux must leave any `${...}` in them alone.
  const literalMeta = (name: string, annotations: Readonly<Record<string, string>> = {}) => meta(name, { annotations: { ...annotations, ...FLUX_SUBSTITUTE_DISABLED } });
  const objects: KubernetesObject[] = [];

  objects.push({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: {
      name: app.namespace,
      annotations: { ...FLUX_SUBSTITUTE_DISABLED },
      labels: {
        ...labels,
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "latest",
      },
    },
  });

  objects.push({
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: meta(app.name, {
      labels: { ...labels, [WORKLOAD_IDENTITY_USE]: "true" },
      annotations: { [CLIENT_ID_ANNOTATION]: azure.clientId, [TENANT_ID_ANNOTATION]: azure.tenantId },
    }),
    automountServiceAccountToken: false,
  });

  const configMap = configMapName(app);
  if (configMap) {
    objects.push({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: literalMeta(configMap, KEEP_ON_PRUNE),
      immutable: true,
      data: sortedRecord(app.config),
    });
  }

  const secretNames = Object.keys(app.secrets).sort();
  let secretProviderClass: string | undefined;
  if (secretNames.length > 0) {
    const objectsParameter = [
      "array:",
      ...secretNames.flatMap((variable) => {
        const ref = app.secrets[variable];
        return [
          "  - |",
          `    objectName: ${ref.keyVaultSecret}`,
          `    objectAlias: ${variable}`,
          "    objectType: secret",
          `    objectVersion: "${ref.version ?? ""}"`,
        ];
      }),
    ].join("\n");
    const parameters = {
      clientID: azure.clientId,
      keyvaultName: azure.keyVaultName,
      objects: `${objectsParameter}\n`,
      tenantId: azure.tenantId,
      usePodIdentity: "false",
    };
    // The identity values are left out of the hash: they may be Terraform tokens, whose text is not stable.
    secretProviderClass = `${app.name}-secrets-${contentHash({ keyvaultName: azure.keyVaultName, objects: parameters.objects })}`;
    objects.push({
      apiVersion: "secrets-store.csi.x-k8s.io/v1",
      kind: "SecretProviderClass",
      metadata: meta(secretProviderClass, { annotations: { ...KEEP_ON_PRUNE } }),
      spec: {
        provider: "azure",
        parameters,
        // A synced Kubernetes Secret exists only for secrets taken as environment variables.
        ...(app.secretsAs === "environment"
          ? { secretObjects: [{ secretName: secretProviderClass, type: "Opaque", labels: { ...labels }, data: secretNames.map((variable) => ({ objectName: variable, key: variable })) }] }
          : {}),
      },
    });
  }

  const volumes: object[] = [{ name: "tmp", emptyDir: { sizeLimit: "64Mi" } }];
  const volumeMounts: object[] = [{ name: "tmp", mountPath: "/tmp" }];
  if (configMap) {
    volumes.push({ name: "config", configMap: { name: configMap } });
    volumeMounts.push({ name: "config", mountPath: app.configMountPath, readOnly: true });
  }
  if (secretProviderClass) {
    volumes.push({
      name: "secrets-store",
      csi: { driver: SECRETS_STORE_DRIVER, readOnly: true, volumeAttributes: { secretProviderClass } },
    });
    volumeMounts.push({ name: "secrets-store", mountPath: "/mnt/secrets-store", readOnly: true });
  }
  const env = [
    ...Object.keys(app.env).sort().map((name) => ({ name, value: app.env[name] })),
    ...(app.secretsAs === "environment" ? secretNames.map((name) => ({ name, valueFrom: { secretKeyRef: { name: secretProviderClass, key: name } } })) : []),
  ];
  const resources = {
    requests: { cpu: app.resources.cpu, memory: app.resources.memory },
    limits: { memory: app.resources.memoryLimit, ...(app.resources.cpuLimit ? { cpu: app.resources.cpuLimit } : {}) },
  };
  objects.push({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: literalMeta(app.name),
    spec: {
      ...(app.replicas !== undefined ? { replicas: app.replicas } : {}),
      revisionHistoryLimit: 10,
      selector: { matchLabels: selector() },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } },
      template: {
        metadata: { labels: { ...labels, [WORKLOAD_IDENTITY_USE]: "true" } },
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
            { maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector() } },
            { maxSkew: 1, topologyKey: "kubernetes.io/hostname", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: selector() } },
          ],
          containers: [
            {
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
            },
          ],
          volumes,
        },
      },
    },
  });

  objects.push({
    apiVersion: "v1",
    kind: "Service",
    metadata: literalMeta(app.name),
    spec: {
      type: "ClusterIP",
      selector: selector(),
      ports: [{ name: "http", port: app.servicePort, targetPort: "http", protocol: "TCP" }],
    },
  });

  objects.push({
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: literalMeta(app.name),
    spec: { maxUnavailable: 1, selector: { matchLabels: selector() } },
  });

  if (app.autoscale) {
    objects.push({
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: literalMeta(app.name),
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: app.name },
        minReplicas: app.autoscale.minReplicas,
        maxReplicas: app.autoscale.maxReplicas,
        metrics: [
          { type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: app.autoscale.targetCpuUtilizationPercent } } },
        ],
      },
    });
  }

  objects.push({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: literalMeta("default-deny"),
    spec: { podSelector: {}, policyTypes: ["Ingress"] },
  });
  const allowedNamespaces = [...new Set([...app.allowFromNamespaces, ...(app.ingress ? [app.ingress.controllerNamespace] : [])])].sort();
  objects.push({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: literalMeta(`allow-${app.name}`),
    spec: {
      podSelector: { matchLabels: selector() },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            { podSelector: {} },
            ...allowedNamespaces.map((namespace) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } })),
          ],
          ports: [{ port: app.port, protocol: "TCP" }],
        },
      ],
    },
  });

  if (app.ingress) {
    const ingress = app.ingress;
    objects.push({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: literalMeta(app.name),
      spec: {
        ingressClassName: ingress.className,
        rules: [
          {
            host: ingress.host,
            http: { paths: [{ path: ingress.path, pathType: "Prefix", backend: { service: { name: app.name, port: { name: "http" } } } }] },
          },
        ],
        ...(ingress.tlsSecretName ? { tls: [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] } : {}),
      },
    });
  }
  return objects;
}

/**
 * Kustomize patches that set the identity values of the app's objects, for a sync engine without variable
 * substitution (Argo CD: `spec.source.kustomize.patches`). JSON 6902 `replace` operations on exactly the
 * fields that hold the Flux variables: the ServiceAccount's `azure.workload.identity/client-id` and
 * `tenant-id` annotations and, when the app has secrets, the SecretProviderClass's `clientID` and `tenantId`
 * (found by kind, namespace and the app's name label, since its name is hashed). `replace` fails the build
 * when a field is missing, so a patch can never silently miss. Pure: the same input gives the same patches.
 */
export function identityPatches(app: ResolvedApp, identity: AppIdentityValues): KustomizePatch[] {
  const escape = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
  const replace = (ops: [string, string][]) => JSON.stringify(ops.map(([path, value]) => ({ op: "replace", path, value })));
  const patches: KustomizePatch[] = [
    {
      target: { version: "v1", kind: "ServiceAccount", name: app.name, namespace: app.namespace },
      patch: replace([
        [`/metadata/annotations/${escape(CLIENT_ID_ANNOTATION)}`, identity.clientId],
        [`/metadata/annotations/${escape(TENANT_ID_ANNOTATION)}`, identity.tenantId],
      ]),
    },
  ];
  if (Object.keys(app.secrets).length > 0) {
    patches.push({
      target: {
        group: "secrets-store.csi.x-k8s.io",
        version: "v1",
        kind: "SecretProviderClass",
        namespace: app.namespace,
        labelSelector: `app.kubernetes.io/name=${app.name}`,
      },
      patch: replace([
        ["/spec/parameters/clientID", identity.clientId],
        ["/spec/parameters/tenantId", identity.tenantId],
      ]),
    });
  }
  return patches;
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


/** The first 10 hex digits of the SHA-256 of a record's sorted JSON. */
function contentHash(record: Readonly<Record<string, string>>): string {
  return createHash("sha256").update(JSON.stringify(sortedRecord(record))).digest("hex").slice(0, 10);
}
