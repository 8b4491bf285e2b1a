import { DataAzurermKubernetesCluster } from "@cdktf/provider-azurerm/lib/data-azurerm-kubernetes-cluster";
import { HelmProvider } from "@cdktf/provider-helm/lib/provider";
import { KubernetesProvider } from "@cdktf/provider-kubernetes/lib/provider";
import { Fn } from "cdktf";
import { Construct } from "constructs";
import type { IAksCluster } from "./aks-cluster";

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
  /**
   * The cluster to look up: an `AksCluster`, or the name and resource group of an existing one. Its name
   * should be known at synth time (a plain string), so that no cluster attribute becomes a stack output.
   */
  readonly cluster: Pick<IAksCluster, "name" | "resourceGroupName">;
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
 * stack boundary as an output; also what `AksCluster.fromName` returns, to use an existing cluster) and optionally configures the `kubernetes` and `helm` providers for it with
 * Azure AD authentication: the API server address and CA come from the lookup, the token from `kubelogin`
 * run as an exec credential plugin. No client certificate, key or token is ever part of the configuration;
 * the cluster has local accounts disabled, so its admin credentials do not exist.
 */
export class AksClusterAccess extends Construct implements IAksCluster {
  /** The cluster lookup. */
  public readonly cluster: DataAzurermKubernetesCluster;
  /** Cluster resource id. */
  public readonly id: string;
  /** Cluster name. */
  public readonly name: string;
  /** Resource group of the cluster. */
  public readonly resourceGroupName: string;
  /** The kubernetes provider, when requested. */
  public readonly kubernetes?: KubernetesProvider;
  /** The helm provider, when requested. */
  public readonly helm?: HelmProvider;
  /** The kubelogin mode used by the providers. */
  public readonly kubeloginMode: KubeloginMode;

  /** OIDC issuer URL of the cluster (read from the lookup). */
  public get oidcIssuerUrl(): string {
    return this.cluster.oidcIssuerUrl;
  }

  /** Object id of the cluster's kubelet identity (read from the lookup). */
  public get kubeletIdentityObjectId(): string {
    return this.cluster.kubeletIdentity.get(0).objectId;
  }

  constructor(scope: Construct, id: string, props: AksClusterAccessProps) {
    super(scope, id);
    this.kubeloginMode = props.kubeloginMode ?? "azurecli";
    if (!["azurecli", "workloadidentity", "msi", "azd"].includes(this.kubeloginMode)) {
      throw new Error(`${this.node.path}: kubeloginMode "${this.kubeloginMode}" is not valid; use "azurecli", "workloadidentity", "msi" or "azd"`);
    }
    this.cluster = new DataAzurermKubernetesCluster(this, "Cluster", {
      name: props.cluster.name,
      resourceGroupName: props.cluster.resourceGroupName,
    });
    this.id = this.cluster.id;
    this.name = props.cluster.name;
    this.resourceGroupName = props.cluster.resourceGroupName;
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
