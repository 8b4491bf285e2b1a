import { Construct, IConstruct } from "constructs";
import { TENANT_ID_VARIABLE } from "../lib/apps/app-objects";
import { AksClusterAccess, KubeloginMode } from "../lib/platform/aks-cluster-access";
import { ArgoCd } from "../lib/gitops/argo-cd";
import { ClusterBaseline } from "../lib/gitops/cluster-baseline";
import { FluxGitOps, fluxKustomizationObjectName } from "../lib/gitops/flux-git-ops";
import { RELEASE_FEEDBACK_FOLDER, ReleaseFeedback } from "../lib/gitops/release-feedback";
import { ResolvedFeedback } from "../lib/environment/feedback-spec";
import { GitSource } from "../lib/gitops/git-source";
import { GitOpsManifests } from "../lib/kubernetes/gitops-manifests";
import { KubernetesObject } from "../lib/kubernetes/kubernetes-object";
import { KustomizationFile } from "../lib/kubernetes/kustomization-file";
import { EnvironmentDescriptor } from "../lib/release/environment-descriptor";
import { APPS_FOLDER, INFRASTRUCTURE_FOLDER } from "../lib/core/gitops-layout";
import type { AppStack } from "./app-stack";
import { EnvironmentStack, EnvironmentStackProps } from "./environment-stack";

/** Namespaces of the engines as the stack installs them (the `FluxGitOps` and `ArgoCd` defaults). */
const FLUX_NAMESPACE = "flux-system";
const ARGO_CD_NAMESPACE = "argocd";

/** Props of a `GitOpsStack`. */
export interface GitOpsStackProps extends EnvironmentStackProps {
  /**
   * Version of the `microsoft.flux` extension (Flux environments).
   * @default FLUX_EXTENSION_VERSION
   */
  readonly fluxExtensionVersion?: string;
  /**
   * Version of the argo-cd chart (Argo CD environments).
   * @default ARGO_CD_CHART_VERSION
   */
  readonly argoCdChartVersion?: string;
  /**
   * How kubelogin gets the Azure AD token for the helm / kubernetes providers (Argo CD environments).
   * @default "azurecli"
   */
  readonly kubeloginMode?: KubeloginMode;
  /**
   * Further cluster-level objects for the infrastructure layer.
   * @default - none
   */
  readonly infrastructureObjects?: readonly KubernetesObject[];
  /**
   * The environment's app stacks. With Flux, their `identityVariables` (client ids of the apps' identities and
   * the tenant id, as cross-stack references) become the post-build substitution of the apps kustomization,
   * so this stack must be applied after them (`addDependency`). Argo CD environments take them in
   * `<env>-argocd-apps` instead.
   * @default - no apps: no post-build substitution
   */
  readonly apps?: readonly AppStack[];
}

/**
 * `<env>-gitops`: installs the environment's sync engine and points it at the environment's folder of the
 * GitOps repository, and renders the infrastructure layer (`environments/<env>/infrastructure/`).
 * - Flux (`sync: "flux"`): the `microsoft.flux` AKS extension and a flux configuration with an
 *   `infrastructure` and an `apps` kustomization; only azurerm resources, no cluster connection needed.
 * - Argo CD (`sync: "argocd"`): the argo-cd Helm release (HA in prod) with helm / kubernetes providers that
 *   reach the cluster through Azure AD (kubelogin). Its AppProject and Applications live in the separate
 *   `<env>-argocd-apps` stack, since their CRDs are installed here.
 * The cluster is looked up by name, so no cluster attribute travels through stack outputs. It also writes
 * `environments/<env>/apps/kustomization.yaml`, which lists every app folder, so both engines build the apps
 * layer with kustomize.
 */
export class GitOpsStack extends EnvironmentStack {
  /** The GitOps repository. */
  public readonly source: GitSource;
  /** The infrastructure layer written to the GitOps repository. */
  public readonly infrastructure: ClusterBaseline;
  /** The cluster lookup (and providers, for Argo CD). */
  public readonly clusterAccess: AksClusterAccess;
  /** Flux, when the environment syncs with Flux. */
  public readonly flux?: FluxGitOps;
  /** Argo CD, when the environment syncs with Argo CD. */
  public readonly argoCd?: ArgoCd;
  /** `apps/kustomization.yaml`: the app folders of the environment (read at synth time). */
  public readonly appsKustomization: KustomizationFile;
  /** Release feedback, when the platform has `feedback`. */
  public readonly feedback?: ReleaseFeedback;
  /** `environment.json`: the environment's tier, engine and promotion source, for the release CLI. */
  public readonly descriptor: EnvironmentDescriptor;

  constructor(scope: Construct, props: GitOpsStackProps) {
    super(scope, "gitops", props);
    const env = props.environment;
    this.assertSameEnvironment("apps", props.apps ?? []);
    this.source = GitSource.ofEnvironment(this, "Source", env);
    this.infrastructure = new ClusterBaseline(this, "Infrastructure", { environment: env, objects: props.infrastructureObjects });
    this.descriptor = new EnvironmentDescriptor(this, "Descriptor", { environment: env });
    const argo = env.sync === "argocd";
    this.clusterAccess = new AksClusterAccess(this, "Cluster", {
      cluster: { name: env.names.of("kubernetesCluster"), resourceGroupName: env.names.of("resourceGroup") },
      kubernetesProvider: argo,
      helmProvider: argo,
      kubeloginMode: props.kubeloginMode,
    });
    const fluxName = env.names.of("fluxConfiguration");
    this.feedback = props.platform.feedback && this.releaseFeedback(props.platform.feedback, fluxName);
    if (argo) this.argoCd = this.installArgoCd(props);
    else this.flux = this.installFlux(props, fluxName);
    const root = this.node.root;
    const at = this.node.path;
    this.appsKustomization = new KustomizationFile(this, "AppsKustomization", {
      environment: env.name,
      folder: APPS_FOLDER,
      resources: { get resources() { return appFolders(root, env.name, at); } },
    });
  }

  /** Argo CD's Helm release (HA where the tier says so), with the feedback notifications when the platform has them. */
  private installArgoCd(props: GitOpsStackProps): ArgoCd {
    const argoCd = new ArgoCd(this, "ArgoCd", {
      source: this.source,
      highAvailability: this.environment.argoCdHighAvailability,
      chartVersion: props.argoCdChartVersion,
      values: this.feedback?.argoCdValues && { notifications: this.feedback.argoCdValues },
    });
    this.feedback?.applyArgoCdSecretSync([argoCd.namespace, argoCd.resource]);
    return argoCd;
  }

  /** The Flux extension and configuration, with the apps' identity variables and the feedback kustomization. */
  private installFlux(props: GitOpsStackProps, fluxName: string): FluxGitOps {
    return new FluxGitOps(this, "Flux", {
      cluster: this.clusterAccess,
      name: fluxName,
      source: this.source,
      extensionVersion: props.fluxExtensionVersion,
      appsSubstitutions: this.appsSubstitutions(props.apps ?? []),
      extraKustomizations: this.feedback && [
        { name: RELEASE_FEEDBACK_FOLDER, path: [this.source.environmentPath, RELEASE_FEEDBACK_FOLDER].filter(Boolean).join("/"), substitutions: this.feedback.fluxSubstitutions },
      ],
    });
  }

  /** Release feedback (docs/feedback.md): commit statuses and rollback requests of the environment's engine. */
  private releaseFeedback(feedback: ResolvedFeedback, fluxName: string): ReleaseFeedback {
    const env = this.environment;
    const layers = (name: (layer: string) => string) => ({ infrastructure: name(INFRASTRUCTURE_FOLDER), apps: name(APPS_FOLDER) });
    return new ReleaseFeedback(this, "ReleaseFeedback", {
      environment: env,
      feedback,
      cluster: this.clusterAccess,
      ...(env.sync === "argocd"
        ? { namespace: ARGO_CD_NAMESPACE, argoCdApplications: layers((layer) => `${env.name}-${layer}`) }
        : { namespace: FLUX_NAMESPACE, fluxKustomizations: layers((layer) => fluxKustomizationObjectName(fluxName, layer)) }),
    });
  }

  /** The apps' identity variables, merged: one client id variable per app, the tenant id of the first app. */
  private appsSubstitutions(apps: readonly AppStack[]): Record<string, string> {
    const variables: Record<string, string> = {};
    const owners: Record<string, string> = {};
    for (const app of apps) {
      for (const [name, value] of Object.entries(app.identityVariables)) {
        // Every identity of an environment is in its subscription, so in the same tenant.
        if (name === TENANT_ID_VARIABLE) {
          variables[name] ??= value;
          continue;
        }
        if (owners[name] !== undefined) {
          throw new Error(`${this.node.path}: apps "${owners[name]}" and "${app.app.name}" both set the flux variable ${name}; give the apps distinct names`);
        }
        owners[name] = app.app.name;
        variables[name] = value;
      }
    }
    return variables;
  }
}

/**
 * The sub-folders of `apps/` of `environment` that hold a `kustomization.yaml` (one per app in `gitops`
 * delivery), sorted. Throws when a `GitOpsManifests` writes below `apps/` into a folder no kustomization
 * covers: kustomize would not deploy its objects.
 */
function appFolders(root: IConstruct, environment: string, at: string): string[] {
  const all = root.node.findAll();
  const appFolder = new RegExp(`^${APPS_FOLDER}/[^/]+$`);
  const folders = new Set(
    all
      .filter((c): c is KustomizationFile => c instanceof KustomizationFile)
      .filter((k) => k.environment === environment && appFolder.test(k.folder))
      .map((k) => k.folder),
  );
  for (const manifests of all.filter((c): c is GitOpsManifests => c instanceof GitOpsManifests)) {
    if (manifests.environment !== environment || !(manifests.folder === APPS_FOLDER || manifests.folder.startsWith(`${APPS_FOLDER}/`))) continue;
    // covered by the kustomization of its apps/<name> folder (a set: 10,000 apps would be 10,000² comparisons)
    if (!folders.has(manifests.folder.split("/").slice(0, 2).join("/"))) {
      throw new Error(`${at}: ${manifests.node.path} writes to ${APPS_FOLDER}/ folder "${manifests.folder}", which no kustomization.yaml lists; write into a folder apps/<name> and add a KustomizationFile for it`);
    }
  }
  return [...folders].map((folder) => folder.slice(APPS_FOLDER.length + 1)).sort();
}
