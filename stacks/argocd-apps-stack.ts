import { Construct, IConstruct } from "constructs";
import { AksClusterAccess, KubeloginMode } from "../lib/platform/aks-cluster-access";
import { ArgoCdSync, KubernetesObjectSource } from "../lib/gitops/argo-cd-sync";
import { APPS_FOLDER, INFRASTRUCTURE_FOLDER } from "../lib/core/gitops-layout";
import { GitOpsManifests } from "../lib/kubernetes/gitops-manifests";
import { GitSource } from "../lib/gitops/git-source";
import type { AppStack } from "./app-stack";
import { EnvironmentStack, EnvironmentStackProps } from "./environment-stack";
import { GitOpsStack } from "./gitops-stack";

/** Props of an `ArgoCdAppsStack`. */
export interface ArgoCdAppsStackProps extends EnvironmentStackProps {
  /** The `<env>-gitops` stack that installs Argo CD (and its CRDs); this stack depends on it. */
  readonly gitops: GitOpsStack;
  /**
   * The namespaces the environment's apps deploy into.
   * @default - every namespace except the platform's (see `PLATFORM_NAMESPACES`)
   */
  readonly appNamespaces?: readonly string[];
  /**
   * How kubelogin gets the Azure AD token for the kubernetes provider.
   * @default - the gitops stack's mode
   */
  readonly kubeloginMode?: KubeloginMode;
  /**
   * The environment's app stacks. Their `identityPatches` (client ids of the apps' identities and the tenant
   * id, as cross-stack references) become `kustomize.patches` of the apps Application, so this stack must be
   * applied after them (`addDependency`).
   * @default - no apps: no patches
   */
  readonly apps?: readonly AppStack[];
}

/**
 * `<env>-argocd-apps`: the Argo CD AppProjects and Applications of an environment (`<env>-infrastructure`
 * and `<env>-apps`), as `kubernetes_manifest` resources. The AppProjects are limited to what the app's
 * `GitOpsManifests` write to the environment's `infrastructure/` and `apps/` folders (read at synth time, so
 * stacks added later, such as monitoring and apps, are included). A stack of its own because `kubernetes_manifest`
 * needs the Argo CD CRDs at plan time, and they are installed by `<env>-gitops`, which this stack depends on.
 * Argo CD has no variable substitution: the identity values of the apps' objects (unknown at synth time) are
 * set by the apps Application's `kustomize.patches`, built from each app stack's `identityPatches`.
 */
export class ArgoCdAppsStack extends EnvironmentStack {
  /** The AppProjects and Applications. */
  public readonly sync: ArgoCdSync;
  /** The cluster lookup and kubernetes provider. */
  public readonly clusterAccess: AksClusterAccess;

  constructor(scope: Construct, props: ArgoCdAppsStackProps) {
    super(scope, "argocd-apps", props);
    const env = props.environment;
    const argoCd = props.gitops.argoCd;
    if (!argoCd) {
      throw new Error(`${env.name}-argocd-apps: environment "${env.name}" syncs with ${env.sync}, not argocd; set sync: "argocd" or drop this stack`);
    }
    this.addDependency(props.gitops);
    this.assertSameEnvironment("apps", props.apps ?? []);
    this.clusterAccess = new AksClusterAccess(this, "Cluster", {
      cluster: { name: env.names.of("kubernetesCluster"), resourceGroupName: env.names.of("resourceGroup") },
      kubernetesProvider: true,
      kubeloginMode: props.kubeloginMode ?? props.gitops.clusterAccess.kubeloginMode,
    });
    this.sync = new ArgoCdSync(this, "Sync", {
      environment: env.name,
      source: GitSource.ofEnvironment(this, "Source", env),
      argoCdNamespace: argoCd.namespaceName,
      appNamespaces: props.appNamespaces,
      appObjects: manifestsIn(this.node.root, env.name, APPS_FOLDER),
      appPatches: (props.apps ?? []).flatMap((app) => app.identityPatches),
      infrastructureObjects: manifestsIn(this.node.root, env.name, INFRASTRUCTURE_FOLDER),
    });
  }
}

/** The objects of every `GitOpsManifests` in the app that writes to `folder` (or below it) of `environment`, read when asked. */
function manifestsIn(root: IConstruct, environment: string, folder: string): KubernetesObjectSource {
  return {
    get objects() {
      return root.node
        .findAll()
        .filter((c): c is GitOpsManifests => c instanceof GitOpsManifests)
        .filter((m) => m.environment === environment && (m.folder === folder || m.folder.startsWith(`${folder}/`)))
        .flatMap((m) => m.objects);
    },
  };
}
