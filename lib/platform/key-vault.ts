import { DataAzurermClientConfig } from "@cdktf/provider-azurerm/lib/data-azurerm-client-config";
import { DataAzurermKeyVault } from "@cdktf/provider-azurerm/lib/data-azurerm-key-vault";
import { KeyVault as AzurermKeyVault } from "@cdktf/provider-azurerm/lib/key-vault";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { IResourceGroup } from "./environment-resource-group";
import { INetwork } from "./network";
import { DestroyProtectionProps, destroyProtection } from "./destroy-protection";

/** A Key Vault as other constructs refer to it: the one a `KeyVault` creates, or an existing one (`KeyVault.fromName`). */
export interface IKeyVault {
  /** Vault resource id. */
  readonly id: string;
  /** Vault name. */
  readonly name: string;
  /** Resource group of the vault. */
  readonly resourceGroupName: string;
  /** Vault URI, e.g. `https://kv-contoso-dev.vault.azure.net/`. */
  readonly vaultUri: string;
  /** Azure AD tenant id of the vault. */
  readonly tenantId: string;
}

/** Props of a `KeyVault`. */
export interface KeyVaultProps extends DestroyProtectionProps {
  /** The environment: name, region, tags and soft-delete retention (dev 7, staging 30, prod 90 days). */
  readonly environment: Pick<Environment, "keyVaultSoftDeleteRetentionDays" | "location" | "names" | "tags">;
  /** The resource group to create the vault in. */
  readonly resourceGroup: IResourceGroup;
  /** The network whose node subnet may reach the vault (the firewall denies everything else). */
  readonly network: INetwork;
  /**
   * Public IP ranges (CIDR) that may reach the vault, e.g. the CI runners that manage secrets.
   * @default - none: only the node subnet and trusted Azure services
   */
  readonly allowedIpRanges?: readonly string[];
}

/**
 * The environment's Key Vault: Azure RBAC authorization (no access policies), purge protection, soft
 * delete with the tier's retention, a firewall that denies by default (node subnet and trusted Azure
 * services allowed), `prevent_destroy` set. Secrets are read in-cluster through the secrets provider
 * add-on with workload identity; the library never writes a secret value.
 */
export class KeyVault extends Construct implements IKeyVault {
  /** An existing vault, looked up by name and resource group (a `data.azurerm_key_vault` in `scope`). */
  public static fromName(scope: Construct, id: string, name: string, resourceGroupName: string): IKeyVault {
    const lookup = new DataAzurermKeyVault(scope, id, { name, resourceGroupName });
    return { id: lookup.id, name: lookup.name, resourceGroupName, vaultUri: lookup.vaultUri, tenantId: lookup.tenantId };
  }

  /** The azurerm key vault. */
  public readonly resource: AzurermKeyVault;
  /** Vault resource id. */
  public readonly id: string;
  /** Vault name. */
  public readonly name: string;
  /** Resource group of the vault. */
  public readonly resourceGroupName: string;
  /** Vault URI, e.g. `https://kv-contoso-dev.vault.azure.net/`. */
  public readonly vaultUri: string;
  /** Azure AD tenant id of the vault. */
  public readonly tenantId: string;

  constructor(scope: Construct, id: string, props: KeyVaultProps) {
    super(scope, id);
    const env = props.environment;
    const client = new DataAzurermClientConfig(this, "ClientConfig", {});
    this.resource = new AzurermKeyVault(this, "Resource", {
      name: env.names.of("keyVault"),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      tenantId: client.tenantId,
      skuName: "standard",
      rbacAuthorizationEnabled: true,
      purgeProtectionEnabled: true,
      softDeleteRetentionDays: env.keyVaultSoftDeleteRetentionDays,
      networkAcls: {
        defaultAction: "Deny",
        bypass: "AzureServices",
        virtualNetworkSubnetIds: [props.network.nodeSubnetId],
        ipRules: [...(props.allowedIpRanges ?? [])],
      },
      tags: env.tags,
      lifecycle: destroyProtection(props),
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.resourceGroupName = props.resourceGroup.name;
    this.vaultUri = this.resource.vaultUri;
    this.tenantId = this.resource.tenantId;
  }
}
