import { Construct } from "constructs";
import { AksClusterAccess, KubeloginMode } from "../lib/gitops/aks-cluster-access";
import { ArgoCd } from "../lib/gitops/argo-cd";
import { ClusterBaseline } from "../lib/gitops/cluster-baseline";
import { FluxGitOps } from "../lib/gitops/flux-git-ops";
import { GitSource } from "../lib/gitops/git-source";
import { KubernetesObject } from "../lib/gitops/kubernetes-object";
import { EnvironmentStack, EnvironmentStackProps } from "./environment-stack";

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
}

/**
 * `<env>-gitops`: installs the environment's sync engine and points it at the environment's folder of the
 * GitOps repository, and renders the infrastructure layer (`environments/<env>/infrastructure/`).
 * - Flux (`sync: "flux"`): the `microsoft.flux` AKS extension and a flux configuration with an
 *   `infrastructure` and an `apps` kustomization; only azurerm resources, no cluster connection needed.
 * - Argo CD (`sync: "argocd"`): the argo-cd Helm release (HA in prod) with helm / kubernetes providers that
 *   reach the cluster through Azure AD (kubelogin). Its AppProject and Applications live in the separate
 *   `<env>-argocd-apps` stack, since their CRDs are installed here.
 * The cluster is looked up by name, so no cluster attribute travels through stack outputs.
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

  constructor(scope: Construct, props: GitOpsStackProps) {
    super(scope, "gitops", props);
    const env = props.environment;
    this.source = GitSource.ofEnvironment(this, "Source", env);
    this.infrastructure = new ClusterBaseline(this, "Infrastructure", { environment: env, objects: props.infrastructureObjects });
    const argo = env.sync === "argocd";
    this.clusterAccess = new AksClusterAccess(this, "Cluster", {
      clusterName: env.names.of("kubernetesCluster"),
      resourceGroupName: env.names.of("resourceGroup"),
      kubernetesProvider: argo,
      helmProvider: argo,
      kubeloginMode: props.kubeloginMode,
    });
    if (argo) {
      this.argoCd = new ArgoCd(this, "ArgoCd", {
        source: this.source,
        highAvailability: env.tier === "prod",
        chartVersion: props.argoCdChartVersion,
      });
    } else {
      this.flux = new FluxGitOps(this, "Flux", {
        clusterId: this.clusterAccess.clusterId,
        name: env.names.of("fluxConfiguration"),
        source: this.source,
        extensionVersion: props.fluxExtensionVersion,
      });
    }
  }
}
