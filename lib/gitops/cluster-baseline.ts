import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { GitOpsManifests } from "../kubernetes/gitops-manifests";
import { KubernetesObject } from "../kubernetes/kubernetes-object";
import { INFRASTRUCTURE_FOLDER } from "../core/gitops-layout";
import { MANAGED_BY_LABELS } from "../core/labels";


/** The priority classes of the infrastructure layer, highest first: name → value. */
export const APP_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  "apps-critical": 100000,
  "apps-standard": 1000,
  "apps-best-effort": 100,
};

/** Props of a `ClusterBaseline`. */
export interface ClusterBaselineProps {
  /** The environment: its name, tier, region and GitOps settings go into the environment ConfigMap. */
  readonly environment: Pick<Environment, "gitops" | "location" | "name" | "project" | "sync" | "tier">;
  /**
   * Further cluster-level objects for the layer (each validated against its schema).
   * @default - none
   */
  readonly objects?: readonly KubernetesObject[];
}

/**
 * The infrastructure layer of an environment, written to `environments/<env>/infrastructure/` of the GitOps
 * repository and synced before the apps layer (Flux: the `apps` kustomization depends on it; Argo CD: its own
 * Application and AppProject). It holds only cluster-level objects that no app owns, so it never conflicts
 * with the per-app namespaces, quotas and limit ranges of the apps layer:
 * - three `PriorityClass`es that apps opt into (`apps-critical`, `apps-standard`, `apps-best-effort`, the last
 *   one never preempts); none is the global default, so pods that name none keep the cluster's behaviour;
 * - the `platform-environment` ConfigMap in `kube-public` (readable by every workload, like `cluster-info`),
 *   telling tools which project, environment, tier, region and sync engine the cluster belongs to.
 */
export class ClusterBaseline extends Construct {
  /** The manifests of the layer; `add` more objects here. */
  public readonly manifests: GitOpsManifests;

  constructor(scope: Construct, id: string, props: ClusterBaselineProps) {
    super(scope, id);
    const env = props.environment;
    this.manifests = new GitOpsManifests(this, "Resource", { environment: env.name, folder: INFRASTRUCTURE_FOLDER });
    const labels = { ...MANAGED_BY_LABELS, "app.kubernetes.io/part-of": "platform-infrastructure" };
    for (const [name, value] of Object.entries(APP_PRIORITY_CLASSES)) {
      this.manifests.add({
        apiVersion: "scheduling.k8s.io/v1",
        kind: "PriorityClass",
        metadata: { name, labels },
        value,
        globalDefault: false,
        preemptionPolicy: name === "apps-best-effort" ? "Never" : "PreemptLowerPriority",
        description: `${name}: priority class for app workloads of ${env.project}/${env.name}, managed by cdktf-gitops`,
      });
    }
    this.manifests.add({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "platform-environment", namespace: "kube-public", labels },
      data: {
        project: env.project,
        environment: env.name,
        tier: env.tier,
        location: env.location,
        "sync-engine": env.sync,
        "gitops-repository": env.gitops.url,
        "gitops-branch": env.gitops.branch,
        "apps-path": env.gitops.appsPath,
      },
    });
    this.manifests.add(...(props.objects ?? []));
  }

  /** The objects of the layer, in file-name order. */
  public get objects(): KubernetesObject[] {
    return this.manifests.objects;
  }
}
