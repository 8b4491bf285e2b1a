import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { IResourceGroup } from "./environment-resource-group";

/** A network as other constructs refer to it: the subnet of the AKS nodes. */
export interface INetwork {
  /** Resource id of the subnet of the AKS nodes. */
  readonly nodeSubnetId: string;
}

/** Props of a `Network`. */
export interface NetworkProps {
  /** The environment: its address space is split into the subnets. */
  readonly environment: Pick<Environment, "addressSpace" | "location" | "names" | "nodeSubnetCidr" | "privateEndpointSubnetCidr" | "tags">;
  /** The resource group to create the network in. */
  readonly resourceGroup: IResourceGroup;
}

/**
 * The environment's virtual network with a subnet for the AKS nodes (first half of the address space, with
 * Key Vault and Storage service endpoints) and a subnet for private endpoints (third quarter).
 * Pods use the Azure CNI overlay range, so they take no addresses from the virtual network.
 */
export class Network extends Construct implements INetwork {
  /** An existing network, by the resource id of its node subnet. */
  public static fromNodeSubnetId(nodeSubnetId: string): INetwork {
    return { nodeSubnetId };
  }

  /** The virtual network. */
  public readonly virtualNetwork: VirtualNetwork;
  /** The subnet of the AKS nodes. */
  public readonly nodeSubnet: Subnet;
  /** The subnet for private endpoints. */
  public readonly privateEndpointSubnet: Subnet;
  /** Resource id of the subnet of the AKS nodes. */
  public readonly nodeSubnetId: string;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const env = props.environment;
    this.virtualNetwork = new VirtualNetwork(this, "Resource", {
      name: env.names.of("virtualNetwork"),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      addressSpace: [env.addressSpace],
      tags: env.tags,
    });
    this.nodeSubnet = new Subnet(this, "NodeSubnet", {
      name: env.names.of("subnet", "nodes"),
      resourceGroupName: props.resourceGroup.name,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefixes: [env.nodeSubnetCidr],
      serviceEndpoints: ["Microsoft.KeyVault", "Microsoft.Storage", "Microsoft.ContainerRegistry"],
      defaultOutboundAccessEnabled: false,
    });
    this.privateEndpointSubnet = new Subnet(this, "PrivateEndpointSubnet", {
      name: env.names.of("subnet", "endpoints"),
      resourceGroupName: props.resourceGroup.name,
      virtualNetworkName: this.virtualNetwork.name,
      addressPrefixes: [env.privateEndpointSubnetCidr],
      privateEndpointNetworkPolicies: "Enabled",
      defaultOutboundAccessEnabled: false,
    });
    this.nodeSubnetId = this.nodeSubnet.id;
  }
}
