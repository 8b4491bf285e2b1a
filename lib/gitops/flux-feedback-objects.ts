import { MANAGED_BY_LABELS } from "../core/labels";
import type { GitHubRepository } from "../environment/delivery-spec";
import { KubernetesObject } from "../kubernetes/kubernetes-object";
import { commitStatusContext } from "./commit-status-context";
import { ROLLBACK_ENVIRONMENT_KEY, ROLLBACK_REQUEST_KEY, ROLLBACK_REQUEST_VALUE } from "./rollback-dispatch";

/** Kubernetes Secret (Flux) holding the commit-status token under key `token`. */
export const FLUX_STATUS_SECRET = "release-feedback-github-status";
/** Kubernetes Secret (Flux) holding the dispatch token under key `token`. */
export const FLUX_DISPATCH_SECRET = "release-feedback-github-dispatch";

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

function githubUrl(repository: GitHubRepository): string {
  return `https://github.com/${repository.owner}/${repository.name}`;
}
