import { MANAGED_BY_LABELS } from "../core/labels";
import { KubernetesObject } from "../kubernetes/kubernetes-object";

// The secret-sync side of release feedback: the GitHub credentials reach the cluster from Key Vault through the
// secrets store CSI driver; nothing here holds a secret value.

/** Name of the ServiceAccount, SecretProviderClass and Deployment that sync the credentials from Key Vault. */
export const FEEDBACK_SECRET_SYNC_NAME = "release-feedback-secrets";
/** A tiny image that only keeps the CSI volume mounted (the driver syncs Secrets only while a pod mounts it). */
export const PAUSE_IMAGE = "registry.k8s.io/pause:3.10@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a";

/** One Key Vault secret synced into a Kubernetes Secret key. */
export interface SyncedSecret {
  /** Name of the secret in Key Vault. */
  readonly keyVaultSecret: string;
  /** Kubernetes Secret it lands in. */
  readonly secretName: string;
  /** Key in that Secret. */
  readonly key: string;
}

/** Props of `feedbackSecretSyncObjects`. */
export interface FeedbackSecretSyncProps {
  /** Namespace of the engine (the Secrets must live beside the controller that reads them). */
  readonly namespace: string;
  readonly keyVaultName: string;
  /** Azure AD tenant id (may be a Flux variable such as `${RELEASE_FEEDBACK_TENANT_ID}` or a Terraform reference). */
  readonly tenantId: string;
  /** Client id of the workload identity that may read exactly these secrets (a variable or reference, like `tenantId`). */
  readonly clientId: string;
  readonly secrets: readonly SyncedSecret[];
}

/**
 * The secrets store CSI driver objects that bring the GitHub credentials from Key Vault into the cluster: a
 * ServiceAccount federated with the feedback identity (workload identity, no secret), a SecretProviderClass
 * listing the Key Vault secrets and the Kubernetes Secrets they sync to, and a one-replica pause Deployment that
 * mounts the volume (the driver creates and rotates synced Secrets only while a pod mounts them), non-root,
 * read-only, without privileges.
 */
export function feedbackSecretSyncObjects(props: FeedbackSecretSyncProps): KubernetesObject[] {
  const labels = { ...MANAGED_BY_LABELS, "app.kubernetes.io/part-of": "release-feedback", "app.kubernetes.io/name": FEEDBACK_SECRET_SYNC_NAME };
  const meta = { name: FEEDBACK_SECRET_SYNC_NAME, namespace: props.namespace, labels };
  return [
    {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { ...meta, annotations: { "azure.workload.identity/client-id": props.clientId, "azure.workload.identity/tenant-id": props.tenantId } },
      automountServiceAccountToken: false,
    },
    secretProviderClass(props, meta),
    pauseDeployment(meta, labels),
  ];
}

type Metadata = KubernetesObject["metadata"];

/** The SecretProviderClass: the Key Vault secrets to read, and the Kubernetes Secrets (and keys) they sync to. */
function secretProviderClass(props: FeedbackSecretSyncProps, meta: Metadata): KubernetesObject {
  const bySecret = new Map<string, SyncedSecret[]>();
  for (const s of props.secrets) bySecret.set(s.secretName, [...(bySecret.get(s.secretName) ?? []), s]);
  const vaultObjects = [...new Set(props.secrets.map((s) => s.keyVaultSecret))].sort();
  return {
    apiVersion: "secrets-store.csi.x-k8s.io/v1",
    kind: "SecretProviderClass",
    metadata: meta,
    spec: {
      provider: "azure",
      parameters: {
        clientID: props.clientId,
        keyvaultName: props.keyVaultName,
        tenantId: props.tenantId,
        usePodIdentity: "false",
        objects: `array:\n${vaultObjects.map((o) => `  - |\n    objectName: ${o}\n    objectType: secret\n`).join("")}`,
      },
      secretObjects: [...bySecret.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([secretName, entries]) => ({
        secretName,
        type: "Opaque",
        labels: { ...MANAGED_BY_LABELS },
        data: entries.map((e) => ({ objectName: e.keyVaultSecret, key: e.key })),
      })),
    },
  };
}

/** The one-replica pause Deployment that keeps the CSI volume mounted: non-root, read-only, no privileges. */
function pauseDeployment(meta: Metadata, labels: Readonly<Record<string, string>>): KubernetesObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta,
    spec: {
      replicas: 1,
      selector: { matchLabels: { "app.kubernetes.io/name": FEEDBACK_SECRET_SYNC_NAME } },
      template: {
        metadata: { labels: { ...labels, "azure.workload.identity/use": "true" } },
        spec: {
          serviceAccountName: FEEDBACK_SECRET_SYNC_NAME,
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 65535, runAsGroup: 65535, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: "pause",
              image: PAUSE_IMAGE,
              resources: { requests: { cpu: "5m", memory: "8Mi" }, limits: { cpu: "20m", memory: "16Mi" } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              volumeMounts: [{ name: "secrets", mountPath: "/mnt/secrets", readOnly: true }],
            },
          ],
          volumes: [{ name: "secrets", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: FEEDBACK_SECRET_SYNC_NAME } } }],
        },
      },
    },
  };
}
