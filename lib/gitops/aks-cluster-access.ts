import { DataAzurermKubernetesCluster } from "@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import { Construct } from "constructs";

/**
 * How kubelogin gets an Azure AD token for the AKS API server:
 * - `azurecli`: the signed-in Azure CLI (`az login`, in CI after `azure/login` with OIDC),
 * - `workloadidentity`: a federated token (`AZURE_CLIENT_ID`, `AZURE_TENANT_ID`, `AZURE_FEDERATED_TOKEN_FILE`),
 * - `msi`: the managed identity of the machine running Terraform,
 * - `azd`: the signed-in Azure Developer CLI.
 */
export type KubeloginMode = "azurecli" | "workloadidentity" | "msi" | "azd";

/** The application id of the Azure AD server application of every AKS cluster with managed Azure AD. */
export const AKS_AAD_SERVER_APPLICATION_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

/** Props of an `AksClusterAccess`. */
export interface AksClusterAccessProps {
  /** Name of the AKS cluster. */
  readonly clusterName: string;
  /** Resource group of the AKS cluster. */
  readonly resourceGroupName: string;
  /**
   * Configure a `kubernetes` provider for the cluster.
   * @default false
   */
  readonly kubernetesProvider?: boolean;
  /**
   * Configure a `helm` provider for the cluster.
   * @default false
   */
  readonly helmProvider?: boolean;
  /**
   * How kubelogin obtains the Azure AD token.
   * @default "azurecli"
   */
  readonly kubeloginMode?: KubeloginMode;
}

/**
 * Looks up an AKS cluster by name (a `data.azurerm_kubernetes_cluster`, so no cluster attribute crosses a
 * stack boundary as an output) and optionally configures the `kubernetes` and `helm` providers for it with
 * Azure AD authentication: the API server address and CA come from the lookup, the token from `kubelogin`
 * run as an exec credential plugin. No client certificate, key or token is ever part of the configuration;
 * the cluster has local accounts disabled, so its admin credentials do not exist.
 */
export class AksClusterAccess extends Construct {
  /** The cluster lookup. */
  public readonly cluster: DataAzurermKubernetesCluster;
  /** Cluster resource id. */
  public readonly clusterId: string;
  /** The kubernetes provider, when requested. */
  public readonly kubernetes?: KubernetesProvider;
  /** The helm provider, when requested. */
  public readonly helm?: HelmProvider;
  /** The kubelogin mode used by the providers. */
  public readonly kubeloginMode: KubeloginMode;

  constructor(scope: Construct, id: string, props: AksClusterAccessProps) {
    super(scope, id);
    this.kubeloginMode = props.kubeloginMode ?? "azurecli";
    if (!["azurecli", "workloadidentity", "msi", "azd"].includes(this.kubeloginMode)) {
      throw new Error(`${this.node.path}: kubeloginMode "${this.kubeloginMode}" is not valid; use "azurecli", "workloadidentity", "msi" or "azd"`);
    }
    this.cluster = new DataAzurermKubernetesCluster(this, "Cluster", {
      name: props.clusterName,
      resourceGroupName: props.resourceGroupName,
    });
    this.clusterId = this.cluster.id;
    const kubeConfig = this.cluster.kubeConfig.get(0);
    const connection = {
      host: kubeConfig.host,
      clusterCaCertificate: Fn.base64decode(kubeConfig.clusterCaCertificate),
      exec: {
        apiVersion: "client.authentication.k8s.io/v1beta1",
        command: "kubelogin",
        args: ["get-token", "--login", this.kubeloginMode, "--server-id", AKS_AAD_SERVER_APPLICATION_ID],
      },
    };
    if (props.kubernetesProvider ?? false) {
      this.kubernetes = new KubernetesProvider(this, "kubernetes", { ...connection, exec: [connection.exec] });
    }
    if (props.helmProvider ?? false) {
      this.helm = new HelmProvider(this, "helm", { kubernetes: connection });
    }
  }
}
