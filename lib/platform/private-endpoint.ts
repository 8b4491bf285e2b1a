import { PrivateDnsZone } from "@cdktf/provider-azurerm/lib/private-dns-zone";
import { PrivateDnsZoneVirtualNetworkLink } from "@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link";
import { PrivateEndpoint as AzurermPrivateEndpoint } from "@cdktf/provider-azurerm/lib/private-endpoint";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { EnvironmentResourceGroup } from "./environment-resource-group";
import { Network } from "./network";

/** The services the library connects privately: the private link sub-resource and its private DNS zone. */
export const PRIVATE_LINK_SERVICES = {
  registry: { subresource: "registry", dnsZone: "privatelink.azurecr.io" },
  vault: { subresource: "vault", dnsZone: "privatelink.vaultcore.azure.net" },
} as const;

/** A service `PrivateEndpoint` connects to. */
export type PrivateLinkService = keyof typeof PRIVATE_LINK_SERVICES;

/** Props of a `PrivateEndpoint`. */
export interface PrivateEndpointProps {
  /** The environment: names, region and tags. */
  readonly environment: Environment;
  /** The resource group of the endpoint and its DNS zone. */
  readonly resourceGroup: EnvironmentResourceGroup;
  /** The network: the endpoint takes an address in its private endpoint subnet; the DNS zone is linked to it. */
  readonly network: Network;
  /** Which service (sub-resource and private DNS zone). */
  readonly service: PrivateLinkService;
  /** Resource id of the registry or vault. */
  readonly targetResourceId: string;
}

/**
 * A private endpoint for a registry or a Key Vault in the environment's private endpoint subnet, with the
 * service's private DNS zone (`privatelink.azurecr.io`, `privatelink.vaultcore.azure.net`) linked to the
 * virtual network and the endpoint's records registered in it, so the cluster resolves the service's usual
 * name to the private address.
 */
export class PrivateEndpoint extends Construct {
  /** The azurerm private endpoint. */
  public readonly resource: AzurermPrivateEndpoint;
  /** The private DNS zone of the service. */
  public readonly dnsZone: PrivateDnsZone;

  constructor(scope: Construct, id: string, props: PrivateEndpointProps) {
    super(scope, id);
    const env = props.environment;
    const service = PRIVATE_LINK_SERVICES[props.service];
    this.dnsZone = new PrivateDnsZone(this, "DnsZone", { name: service.dnsZone, resourceGroupName: props.resourceGroup.name, tags: env.tags });
    new PrivateDnsZoneVirtualNetworkLink(this, "DnsZoneLink", {
      name: env.names.of("virtualNetwork"),
      privateDnsZoneName: this.dnsZone.name,
      resourceGroupName: props.resourceGroup.name,
      virtualNetworkId: props.network.virtualNetwork.id,
      registrationEnabled: false,
      tags: env.tags,
    });
    const name = env.names.of("privateEndpoint", service.subresource);
    this.resource = new AzurermPrivateEndpoint(this, "Resource", {
      name,
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      subnetId: props.network.privateEndpointSubnet.id,
      privateServiceConnection: { name, privateConnectionResourceId: props.targetResourceId, subresourceNames: [service.subresource], isManualConnection: false },
      privateDnsZoneGroup: { name: "default", privateDnsZoneIds: [this.dnsZone.id] },
      tags: env.tags,
    });
  }
}
