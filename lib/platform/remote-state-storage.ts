import { LogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { StorageAccount } from "@cdktf/provider-azurerm/lib/storage-account";
import { StorageContainer } from "@cdktf/provider-azurerm/lib/storage-container";
import { Construct } from "constructs";
import { ResolvedRemoteState } from "../environment/resolve-platform";
import { MANAGED_BY } from "../core/labels";
import { DestroyProtectionProps, destroyProtection } from "./destroy-protection";

/** Props of a `RemoteStateStorage`. */
export interface RemoteStateStorageProps extends DestroyProtectionProps {
  /** Where the state lives: resource group, storage account, container and region. */
  readonly state: ResolvedRemoteState;
  /**
   * Tags for the state resources.
   * @default - `managed-by: cdktf-gitops` and `purpose: terraform-state`
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Days that deleted blobs and containers (state files and their versions) stay recoverable (1-365).
   * @default 30
   */
  readonly softDeleteRetentionDays?: number;
  /**
   * Log Analytics workspace (resource id) that receives the blob service's read, write and delete logs.
   * @default - a workspace created beside the account, `log-<storage account name>`, keeping 90 days
   */
  readonly auditWorkspaceId?: string;
}

/** The blob log categories sent to the audit workspace: who read, wrote or deleted state. */
export const STATE_AUDIT_LOG_CATEGORIES: readonly string[] = ["StorageRead", "StorageWrite", "StorageDelete"];

/**
 * The storage account that holds every stack's Terraform state: zone-redundant, blob versioning and soft
 * delete for blobs and containers, TLS 1.2, HTTPS only, no public blob access, shared keys disabled
 * (Azure AD auth only), infrastructure encryption, a firewall that denies all but the spec's
 * `allowedIpRanges` (and trusted Azure services), blob reads, writes and deletes logged to Log Analytics,
 * `prevent_destroy` set.
 */
export class RemoteStateStorage extends Construct {
  /** The resource group of the state storage. */
  public readonly resourceGroup: ResourceGroup;
  /** The storage account. */
  public readonly resource: StorageAccount;
  /** The blob container of the state files. */
  public readonly container: StorageContainer;
  /** The workspace created for the blob audit logs (undefined when `auditWorkspaceId` is given). */
  public readonly auditWorkspace?: LogAnalyticsWorkspace;

  constructor(scope: Construct, id: string, props: RemoteStateStorageProps) {
    super(scope, id);
    const retention = props.softDeleteRetentionDays ?? 30;
    if (!Number.isInteger(retention) || retention < 1 || retention > 365) {
      throw new Error(`${this.node.path}: softDeleteRetentionDays ${retention} is out of range; use 1-365`);
    }
    const tags = props.tags ?? { "managed-by": MANAGED_BY, purpose: "terraform-state" };
    this.resourceGroup = new ResourceGroup(this, "ResourceGroup", {
      name: props.state.resourceGroupName,
      location: props.state.location,
      tags,
      lifecycle: destroyProtection(props),
    });
    this.resource = new StorageAccount(this, "Resource", {
      name: props.state.storageAccountName,
      resourceGroupName: this.resourceGroup.name,
      location: props.state.location,
      accountKind: "StorageV2",
      accountTier: "Standard",
      accountReplicationType: "ZRS",
      minTlsVersion: "TLS1_2",
      httpsTrafficOnlyEnabled: true,
      allowNestedItemsToBePublic: false,
      sharedAccessKeyEnabled: false,
      defaultToOauthAuthentication: true,
      infrastructureEncryptionEnabled: true,
      crossTenantReplicationEnabled: false,
      blobProperties: {
        versioningEnabled: true,
        deleteRetentionPolicy: { days: retention },
        containerDeleteRetentionPolicy: { days: retention },
      },
      networkRules: { defaultAction: "Deny", bypass: ["AzureServices"], ipRules: [...(props.state.allowedIpRanges ?? [])] },
      tags,
      lifecycle: destroyProtection(props),
    });
    this.container = new StorageContainer(this, "Container", {
      name: props.state.containerName,
      storageAccountId: this.resource.id,
      containerAccessType: "private",
      lifecycle: destroyProtection(props),
    });
    if (props.auditWorkspaceId === undefined) {
      this.auditWorkspace = new LogAnalyticsWorkspace(this, "AuditWorkspace", {
        name: `log-${props.state.storageAccountName}`,
        resourceGroupName: this.resourceGroup.name,
        location: props.state.location,
        sku: "PerGB2018",
        retentionInDays: 90,
        localAuthenticationEnabled: false,
        tags,
      });
    }
    new MonitorDiagnosticSetting(this, "BlobAuditLogs", {
      name: "state-blob-audit",
      targetResourceId: `${this.resource.id}/blobServices/default`,
      logAnalyticsWorkspaceId: props.auditWorkspaceId ?? this.auditWorkspace!.id,
      enabledLog: STATE_AUDIT_LOG_CATEGORIES.map((category) => ({ category })),
    });
  }
}
