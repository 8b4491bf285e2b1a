import { MANAGED_BY_LABELS } from "../core/labels";
import type { GitHubRepository } from "../environment/delivery-spec";
import { KubernetesObject } from "../kubernetes/kubernetes-object";
import {
  ARGO_CD_ROLLBACK_EVENT_TYPE,
  ARGO_CD_ROLLBACK_SOURCE,
  ARGO_CD_ROLLBACK_TRIGGERS,
  ROLLBACK_ENVIRONMENT_KEY,
  ROLLBACK_REQUEST_KEY,
  ROLLBACK_REQUEST_VALUE,
} from "./rollback-dispatch";

/**
 * The cluster side of release feedback, as plain Kubernetes objects and Argo CD chart values: commit statuses on
 * the GitOps repository per environment, and a `repository_dispatch` to the rollback repository when the apps
 * layer fails at a new revision. The GitHub credentials reach the cluster from Key Vault through the secrets
 * store CSI driver (`feedbackSecretSyncObjects`); nothing here holds a secret value.
 */

/** Name of the ServiceAccount, SecretProviderClass and Deployment that sync the credentials from Key Vault. */
export const FEEDBACK_SECRET_SYNC_NAME = "release-feedback-secrets";
/** Kubernetes Secret (Flux) holding the commit-status token under key `token`. */
export const FLUX_STATUS_SECRET = "release-feedback-github-status";
/** Kubernetes Secret (Flux) holding the dispatch token under key `token`. */
export const FLUX_DISPATCH_SECRET = "release-feedback-github-dispatch";
/** The Secret the Argo CD notifications controller reads (the chart's `notifications.secret.name`). */
export const ARGO_CD_NOTIFICATIONS_SECRET = "argocd-notifications-secret";
/** Name of the Argo CD webhook service that sends the repository_dispatch. */
export const ARGO_CD_DISPATCH_SERVICE = "cdktf-gitops-dispatch";
/** A tiny image that only keeps the CSI volume mounted (the driver syncs Secrets only while a pod mounts it). */
export const PAUSE_IMAGE = "registry.k8s.io/pause:3.10@sha256:ee6521f290b2168b6e0935a181d4cff9be1ac3f505666ef0e3c98fae8199917a";

/** The commit status context of an environment's layer: `cdktf-gitops/<env>/<layer>`, one per environment and layer. */
export function commitStatusContext(environment: string, layer: string): string {
  return `cdktf-gitops/${environment}/${layer}`;
}

/** Props of `fluxFeedbackObjects`. */
export interface FluxFeedbackProps {
  readonly environment: string;
  /** Namespace of the Flux controllers (and of the Kustomizations). */
  readonly namespace: string;
  readonly gitopsRepository: GitHubRepository;
  /** Names of the Kustomization objects in the cluster, by layer: `{ infrastructure: ..., apps: ... }`. */
  readonly kustomizations: Readonly<Record<"infrastructure" | "apps", string>>;
  /** Where rollback requests go. @default - no rollback requests */
  readonly rollbackRepository?: GitHubRepository;
}

/**
 * Flux notification-controller objects (`notification.toolkit.fluxcd.io/v1beta3`): a `github` Provider with a
 * commit status context per environment and layer (`commitStatusExpr`, notification-controller 1.6 / Flux 2.6),
 * an Alert per layer, and, with a rollback repository, a `githubdispatch` Provider with an Alert on the apps
 * Kustomization's failed health checks (error events whose message starts "health check failed") that names the
 * environment in `eventMetadata`.
 */
export function fluxFeedbackObjects(props: FluxFeedbackProps): KubernetesObject[] {
  const labels = { ...MANAGED_BY_LABELS, "app.kubernetes.io/part-of": "release-feedback" };
  const meta = (name: string) => ({ name, namespace: props.namespace, labels });
  const layerOf = Object.fromEntries(Object.entries(props.kustomizations).map(([layer, name]) => [name, layer]));
  // CEL: the layer is chosen by the Kustomization's name, so statuses of the layers and environments never overwrite each other.
  const contextExpr = Object.entries(layerOf)
    .map(([name, layer]) => `event.involvedObject.name == ${JSON.stringify(name)} ? ${JSON.stringify(commitStatusContext(props.environment, layer))}`)
    .join(" : ");
  const objects: KubernetesObject[] = [
    {
      apiVersion: "notification.toolkit.fluxcd.io/v1beta3",
      kind: "Provider",
      metadata: meta("github-status"),
      spec: {
        type: "github",
        address: githubUrl(props.gitopsRepository),
        secretRef: { name: FLUX_STATUS_SECRET },
        commitStatusExpr: `${contextExpr} : ${JSON.stringify(commitStatusContext(props.environment, "other"))} + "/" + event.involvedObject.name`,
      },
    },
  ];
  for (const [layer, name] of Object.entries(props.kustomizations)) {
    objects.push({
      apiVersion: "notification.toolkit.fluxcd.io/v1beta3",
      kind: "Alert",
      metadata: meta(`github-status-${layer}`),
      spec: {
        providerRef: { name: "github-status" },
        eventSeverity: "info",
        eventSources: [{ kind: "Kustomization", name, namespace: props.namespace }],
        eventMetadata: { [ROLLBACK_ENVIRONMENT_KEY]: props.environment },
      },
    });
  }
  if (props.rollbackRepository) {
    objects.push(
      {
        apiVersion: "notification.toolkit.fluxcd.io/v1beta3",
        kind: "Provider",
        metadata: meta("github-rollback-dispatch"),
        spec: { type: "githubdispatch", address: githubUrl(props.rollbackRepository), secretRef: { name: FLUX_DISPATCH_SECRET } },
      },
      {
        apiVersion: "notification.toolkit.fluxcd.io/v1beta3",
        kind: "Alert",
        metadata: meta("github-rollback-dispatch"),
        spec: {
          providerRef: { name: "github-rollback-dispatch" },
          eventSeverity: "error",
          eventSources: [{ kind: "Kustomization", name: props.kustomizations.apps, namespace: props.namespace }],
          inclusionList: ["^health check failed"],
          eventMetadata: { [ROLLBACK_ENVIRONMENT_KEY]: props.environment, [ROLLBACK_REQUEST_KEY]: ROLLBACK_REQUEST_VALUE },
        },
      },
    );
  }
  return objects;
}

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
  const bySecret = new Map<string, SyncedSecret[]>();
  for (const s of props.secrets) bySecret.set(s.secretName, [...(bySecret.get(s.secretName) ?? []), s]);
  const vaultObjects = [...new Set(props.secrets.map((s) => s.keyVaultSecret))].sort();
  return [
    {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { ...meta, annotations: { "azure.workload.identity/client-id": props.clientId, "azure.workload.identity/tenant-id": props.tenantId } },
      automountServiceAccountToken: false,
    },
    {
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
    },
    {
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
            volumes: [
              { name: "secrets", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: FEEDBACK_SECRET_SYNC_NAME } } },
            ],
          },
        },
      },
    },
  ];
}

/** Props of `argoCdNotificationValues`. */
export interface ArgoCdFeedbackProps {
  readonly environment: string;
  /** The GitHub App that sets commit statuses (Argo CD's GitHub service takes an app, not a token). */
  readonly statusApp: { readonly appId: number; readonly installationId: number };
  /** Names of the Applications by layer. */
  readonly applications: Readonly<Record<"infrastructure" | "apps", string>>;
  /** Where rollback requests go. @default - no rollback requests */
  readonly rollbackRepository?: GitHubRepository;
}

/** Keys in `argocd-notifications-secret`. */
export const ARGO_CD_SECRET_KEYS = { statusPrivateKey: "github-privateKey", dispatchToken: "github-dispatch-token" } as const;

/**
 * The argo-cd chart's `notifications` values: the GitHub service (commit statuses, context per environment and
 * layer) on sync success, sync failure and degraded health, and with a rollback repository a webhook service
 * and templates that send `repository_dispatch` (`event_type` cdktf-gitops-rollback) once per revision when the
 * apps Application degrades or its sync fails. The chart does not create the Secret: it is synced from Key Vault.
 */
export function argoCdNotificationValues(props: ArgoCdFeedbackProps): Record<string, unknown> {
  const env = props.environment;
  const notifiers: Record<string, string> = {
    "service.github": `appID: ${props.statusApp.appId}\ninstallationID: ${props.statusApp.installationId}\nprivateKey: $${ARGO_CD_SECRET_KEYS.statusPrivateKey}\n`,
  };
  const templates: Record<string, string> = {};
  const triggers: Record<string, string> = {};
  const states = { succeeded: "success", failed: "failure", degraded: "failure" } as const;
  const conditions = {
    succeeded: "app.status.operationState != nil and app.status.operationState.phase == 'Succeeded' and app.status.health.status == 'Healthy'",
    failed: "app.status.operationState != nil and app.status.operationState.phase in ['Error', 'Failed']",
    degraded: "app.status.health.status == 'Degraded'",
  } as const;
  const statusTriggers: string[] = [];
  for (const [layer, application] of Object.entries(props.applications)) {
    for (const [event, state] of Object.entries(states)) {
      const name = `cdktf-gitops-status-${layer}-${event}`;
      templates[`template.${name}`] = [
        `message: ${JSON.stringify(`${env} ${layer}: sync ${event}`)}`,
        "github:",
        '  repoURLPath: "{{.app.spec.source.repoURL}}"',
        '  revisionPath: "{{.app.status.sync.revision}}"',
        "  status:",
        `    state: ${state}`,
        `    label: ${JSON.stringify(commitStatusContext(env, layer))}`,
        "",
      ].join("\n");
      triggers[`trigger.${name}`] = `- when: app.metadata.name == ${quote(application)} and ${conditions[event as keyof typeof conditions]}\n  oncePer: app.status.sync.revision\n  send: [${name}]\n`;
      statusTriggers.push(name);
    }
  }
  const subscriptions: Record<string, unknown>[] = [{ recipients: ["github"], triggers: statusTriggers }];
  if (props.rollbackRepository) {
    notifiers[`service.webhook.${ARGO_CD_DISPATCH_SERVICE}`] = [
      "url: https://api.github.com",
      "headers:",
      "  - name: Accept",
      "    value: application/vnd.github+json",
      "  - name: X-GitHub-Api-Version",
      '    value: "2022-11-28"',
      "  - name: Authorization",
      `    value: Bearer $${ARGO_CD_SECRET_KEYS.dispatchToken}`,
      "",
    ].join("\n");
    const rollbackTriggers: string[] = [];
    for (const [key, trigger] of Object.entries(ARGO_CD_ROLLBACK_TRIGGERS)) {
      const name = `cdktf-gitops-rollback-${trigger.replace(/^on-/, "")}`;
      const condition = key === "healthDegraded" ? conditions.degraded : conditions.failed;
      templates[`template.${name}`] = [
        "webhook:",
        `  ${ARGO_CD_DISPATCH_SERVICE}:`,
        "    method: POST",
        `    path: /repos/${props.rollbackRepository.owner}/${props.rollbackRepository.name}/dispatches`,
        "    body: |",
        `      ${argoCdDispatchBody(env, trigger)}`,
        "",
      ].join("\n");
      triggers[`trigger.${name}`] = `- when: app.metadata.name == ${quote(props.applications.apps)} and ${condition}\n  oncePer: app.status.sync.revision\n  send: [${name}]\n`;
      rollbackTriggers.push(name);
    }
    subscriptions.push({ recipients: [ARGO_CD_DISPATCH_SERVICE], triggers: rollbackTriggers });
  }
  return { secret: { create: false, name: ARGO_CD_NOTIFICATIONS_SECRET }, notifiers, templates, triggers, subscriptions };
}

/**
 * The JSON body of the Argo CD rollback dispatch (a Go template): the fields `readDispatchEvent` reads. Every
 * templated value is an Argo CD status field (a commit hash, a name or an enum), so none can break the JSON.
 */
export function argoCdDispatchBody(environment: string, trigger: string): string {
  return JSON.stringify({
    event_type: ARGO_CD_ROLLBACK_EVENT_TYPE,
    client_payload: {
      source: ARGO_CD_ROLLBACK_SOURCE,
      [ROLLBACK_ENVIRONMENT_KEY]: environment,
      application: "{{.app.metadata.name}}",
      trigger,
      revision: "{{.app.status.sync.revision}}",
      health: "{{.app.status.health.status}}",
      sync: "{{.app.status.sync.status}}",
    },
  });
}

function githubUrl(repository: GitHubRepository): string {
  return `https://github.com/${repository.owner}/${repository.name}`;
}

/** A string literal of Argo CD's trigger language (expr): single-quoted. */
function quote(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}
