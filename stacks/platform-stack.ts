import { Construct } from "constructs";
import { AksCluster } from "../lib/platform/aks-cluster";
import { ContainerRegistry } from "../lib/platform/container-registry";
import { EnvironmentResourceGroup } from "../lib/platform/environment-resource-group";
import { KeyVault } from "../lib/platform/key-vault";
import { LogAnalyticsWorkspace } from "../lib/platform/log-analytics-workspace";
import { Network } from "../lib/platform/network";
import { PrivateEndpoint } from "../lib/platform/private-endpoint";
import { EnvironmentStack, EnvironmentStackProps } from "./environment-stack";

/** Props of a `PlatformStack`. */
export interface PlatformStackProps extends EnvironmentStackProps {
  /**
   * Public IP ranges (CIDR) that may reach the Key Vault, e.g. CI runners that manage secrets.
   * @default - the environment's `keyVaultAllowedIpRanges` (none: only the node subnet and trusted Azure services)
   */
  readonly keyVaultAllowedIpRanges?: readonly string[];
}

/**
 * `<env>-platform`: the Azure infrastructure of one environment: resource group, network, Log Analytics
 * workspace, AKS cluster, container registry (with AcrPull for the cluster) and Key Vault, and with
 * `privateEndpoints` (the prod tier default) private endpoints for the vault and for a Premium registry that is
 * not the first of a promotion chain (whose public access is then off).
 */
export class PlatformStack extends EnvironmentStack {
  public readonly resourceGroup: EnvironmentResourceGroup;
  public readonly network: Network;
  public readonly logAnalyticsWorkspace: LogAnalyticsWorkspace;
  public readonly cluster: AksCluster;
  public readonly containerRegistry: ContainerRegistry;
  public readonly keyVault: KeyVault;
  /** The Key Vault and registry private endpoints, when the environment has `privateEndpoints`. */
  public readonly privateEndpoints: readonly PrivateEndpoint[];

  constructor(scope: Construct, props: PlatformStackProps) {
    super(scope, "platform", props);
    const environment = props.environment;
    this.resourceGroup = new EnvironmentResourceGroup(this, "ResourceGroup", { environment });
    const resourceGroup = this.resourceGroup;
    this.network = new Network(this, "Network", { environment, resourceGroup });
    this.logAnalyticsWorkspace = new LogAnalyticsWorkspace(this, "LogAnalytics", { environment, resourceGroup });
    this.cluster = new AksCluster(this, "Cluster", {
      environment,
      resourceGroup,
      network: this.network,
      logAnalyticsWorkspace: this.logAnalyticsWorkspace,
    });
    // The first registry of a promotion chain receives CI pushes and serves later environments' clusters: it stays public.
    const privateRegistry = environment.privateEndpoints && environment.registrySku === "Premium" && environment.promotesFrom !== undefined;
    this.containerRegistry = new ContainerRegistry(this, "Registry", { environment, resourceGroup, cluster: this.cluster, publicNetworkAccess: !privateRegistry });
    this.keyVault = new KeyVault(this, "KeyVault", {
      environment,
      resourceGroup,
      network: this.network,
      allowedIpRanges: props.keyVaultAllowedIpRanges ?? environment.keyVaultAllowedIpRanges,
    });
    const endpoints: PrivateEndpoint[] = [];
    if (environment.privateEndpoints) {
      const network = this.network;
      endpoints.push(new PrivateEndpoint(this, "KeyVaultEndpoint", { environment, resourceGroup, network, service: "vault", targetResourceId: this.keyVault.id }));
      if (privateRegistry) {
        endpoints.push(new PrivateEndpoint(this, "RegistryEndpoint", { environment, resourceGroup, network, service: "registry", targetResourceId: this.containerRegistry.id }));
      }
    }
    this.privateEndpoints = endpoints;
  }
}
