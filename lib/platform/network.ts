import { NetworkSecurityGroup } from "@cdktf/provider-azurerm/lib/network-security-group";
import { NetworkSecurityRule } from "@cdktf/provider-azurerm/lib/network-security-rule";
import { Subnet } from "@cdktf/provider-azurerm/lib/subnet";
import { SubnetNetworkSecurityGroupAssociation } from "@cdktf/provider-azurerm/lib/subnet-network-security-group-association";
import { VirtualNetwork } from "@cdktf/provider-azurerm/lib/virtual-network";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { IResourceGroup } from "./environment-resource-group";

/** A network as other constructs refer to it: the subnet of the AKS nodes. */
export interface INetwork {
  /** Resource id of the subnet of the AKS nodes. */
  readonly nodeSubnetId: string;
}

/** The ports the application routing add-on's public load balancer serves (HTTP redirects to HTTPS). */
export const DEFAULT_INGRESS_PORTS: readonly number[] = [80, 443];

/** Props of a `Network`. */
export interface NetworkProps {
  /** The environment: its address space is split into the subnets. */
  readonly environment: Pick<Environment, "addressSpace" | "location" | "names" | "nodeSubnetCidr" | "privateEndpointSubnetCidr" | "tags">;
  /** The resource group to create the network in. */
  readonly resourceGroup: IResourceGroup;
  /**
   * TCP ports the node subnet's network security group admits from the internet, for the ingress controller's
   * public load balancer (AKS adds its own rules only to the node resource group's NSG, never to a subnet NSG).
   * Empty when the cluster has no public ingress.
   * @default DEFAULT_INGRESS_PORTS (80 and 443)
   */
  readonly ingressPorts?: readonly number[];
}

/**
 * The environment's virtual network with a subnet for the AKS nodes (first half of the address space, with
 * Key Vault, Storage and Container Registry service endpoints) and a subnet for private endpoints (third
 * quarter), each with its own network security group (Azure's default rules: virtual network and load balancer
 * traffic in, nothing else from the internet except the ingress ports on the node subnet).
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
  /** The network security group of the node subnet. */
  public readonly nodeSecurityGroup: NetworkSecurityGroup;
  /** The network security group of the private endpoint subnet. */
  public readonly privateEndpointSecurityGroup: NetworkSecurityGroup;

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
    const ports = [...(props.ingressPorts ?? DEFAULT_INGRESS_PORTS)];
    this.nodeSecurityGroup = this.securityGroup("NodeSecurityGroup", "nodes", this.nodeSubnet, props, ports);
    this.privateEndpointSecurityGroup = this.securityGroup("PrivateEndpointSecurityGroup", "endpoints", this.privateEndpointSubnet, props, []);
  }

  private securityGroup(id: string, suffix: string, subnet: Subnet, props: NetworkProps, ingressPorts: number[]): NetworkSecurityGroup {
    const env = props.environment;
    // Rules are separate resources: inline security_rule blocks would need every attribute in JSON syntax.
    const group = new NetworkSecurityGroup(this, id, {
      name: env.names.of("networkSecurityGroup", suffix),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      tags: env.tags,
    });
    if (ingressPorts.length > 0) {
      new NetworkSecurityRule(this, `${id}IngressRule`, {
        name: "allow-internet-ingress",
        description: "Public ingress (the application routing load balancer) to the nodes",
        networkSecurityGroupName: group.name,
        resourceGroupName: props.resourceGroup.name,
        priority: 100,
        direction: "Inbound",
        access: "Allow",
        protocol: "Tcp",
        sourceAddressPrefix: "Internet",
        sourcePortRange: "*",
        // The load balancer keeps its public frontend address as the destination (floating IP), hence "*".
        destinationAddressPrefix: "*",
        destinationPortRanges: ingressPorts.map(String),
      });
    }
    new SubnetNetworkSecurityGroupAssociation(this, `${id}Association`, { subnetId: subnet.id, networkSecurityGroupId: group.id });
    return group;
  }
}
