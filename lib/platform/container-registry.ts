import { ContainerRegistry as AzurermContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { IAksCluster } from "./aks-cluster";
import { IResourceGroup } from "./environment-resource-group";
import { DestroyProtectionProps, destroyProtection } from "./destroy-protection";

/** Props of a `ContainerRegistry`. */
export interface ContainerRegistryProps extends DestroyProtectionProps {
  /** The environment: name, region, tags, SKU (Standard for dev, Premium otherwise) and zone redundancy (prod). */
  readonly environment: Pick<Environment, "location" | "names" | "registrySku" | "registryZoneRedundant" | "tags">;
  /** The resource group to create the registry in. */
  readonly resourceGroup: IResourceGroup;
  /**
   * The cluster whose kubelet identity gets `AcrPull` on the registry.
   * @default - no pull access is granted
   */
  readonly cluster?: Pick<IAksCluster, "kubeletIdentityObjectId">;
  /**
   * Accept traffic from public networks. Off only for a Premium registry (others cannot have private
   * endpoints); pass it off together with a `PrivateEndpoint`, and only for a registry that no CI runner outside
   * the network pushes to and no other environment pulls from.
   * @default true
   */
  readonly publicNetworkAccess?: boolean;
}

/**
 * The environment's container registry: admin user and anonymous pull disabled, zone redundant in prod,
 * untagged-manifest retention on Premium, `AcrPull` for the cluster's kubelet identity, `prevent_destroy` set.
 */
export class ContainerRegistry extends Construct {
  /** The azurerm container registry. */
  public readonly resource: AzurermContainerRegistry;
  /** The `AcrPull` role assignment of the cluster, when a cluster was given. */
  public readonly pullRoleAssignment?: RoleAssignment;
  /** Registry resource id. */
  public readonly id: string;
  /** Login server, e.g. `acrcontosodev.azurecr.io`. */
  public readonly loginServer: string;

  constructor(scope: Construct, id: string, props: ContainerRegistryProps) {
    super(scope, id);
    const env = props.environment;
    const premium = env.registrySku === "Premium";
    if (props.publicNetworkAccess === false && !premium) {
      throw new Error(`${this.node.path}: publicNetworkAccess false needs a Premium registry (private endpoints); this environment's registry is ${env.registrySku}`);
    }
    this.resource = new AzurermContainerRegistry(this, "Resource", {
      name: env.names.of("containerRegistry"),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      sku: env.registrySku,
      adminEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccessEnabled: props.publicNetworkAccess ?? true,
      zoneRedundancyEnabled: env.registryZoneRedundant,
      retentionPolicyInDays: premium ? 30 : undefined,
      tags: env.tags,
      lifecycle: destroyProtection(props),
    });
    this.id = this.resource.id;
    this.loginServer = this.resource.loginServer;
    if (props.cluster) this.pullRoleAssignment = this.grantPull(this, "KubeletAcrPull", props.cluster);
  }

  /**
   * Grants `AcrPull` on this registry to a cluster's kubelet identity, e.g. the clusters of the environments
   * that images are promoted to by digest. The role assignment is created in `scope` (the cluster's stack).
   */
  public grantPull(scope: Construct, id: string, cluster: Pick<IAksCluster, "kubeletIdentityObjectId">): RoleAssignment {
    return new RoleAssignment(scope, id, {
      scope: this.id,
      roleDefinitionName: "AcrPull",
      principalId: cluster.kubeletIdentityObjectId,
      principalType: "ServicePrincipal",
      skipServicePrincipalAadCheck: true,
    });
  }
}
