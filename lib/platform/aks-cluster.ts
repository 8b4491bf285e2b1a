import { KubernetesCluster } from "@cdktf/provider-azurerm/lib/kubernetes-cluster";
import { KubernetesClusterNodePool } from "@cdktf/provider-azurerm/lib/kubernetes-cluster-node-pool";
import { MonitorDiagnosticSetting } from "@cdktf/provider-azurerm/lib/monitor-diagnostic-setting";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Construct } from "constructs";
import { Environment, ResolvedNodePool } from "../environment/environment";
import { AksClusterAccess, AksClusterAccessProps } from "./aks-cluster-access";
import { IResourceGroup } from "./environment-resource-group";
import { ILogAnalyticsWorkspace } from "./log-analytics-workspace";
import { INetwork } from "./network";

/**
 * An AKS cluster as other constructs refer to it: the one an `AksCluster` creates, or an existing one
 * (`AksCluster.fromName`).
 */
export interface IAksCluster {
  /** Cluster resource id. */
  readonly id: string;
  /** Cluster name. */
  readonly name: string;
  /** Resource group of the cluster. */
  readonly resourceGroupName: string;
  /** OIDC issuer URL, for workload identity federated credentials. */
  readonly oidcIssuerUrl: string;
  /** Object id of the kubelet identity (pulls images). */
  readonly kubeletIdentityObjectId: string;
}

/** What an `AksCluster` reads of its environment. */
export type AksClusterEnvironment = Pick<Environment, "cluster" | "location" | "names" | "tags" | "zones">;

/** Props of an `AksCluster`. */
export interface AksClusterProps {
  /** The environment: version, node pools, zones, SKU tier, API server access and maintenance window. */
  readonly environment: AksClusterEnvironment;
  /** The resource group to create the cluster in. */
  readonly resourceGroup: IResourceGroup;
  /** The network whose node subnet the node pools join. */
  readonly network: INetwork;
  /**
   * Workspace for Container Insights (the `oms_agent` add-on, managed identity auth).
   * @default - Container Insights is off
   */
  readonly logAnalyticsWorkspace?: ILogAnalyticsWorkspace;
  /**
   * Turn on the managed Prometheus metrics profile (`monitor_metrics`); the monitoring stack associates the
   * data collection rule with the cluster.
   * @default true
   */
  readonly managedPrometheus?: boolean;
  /**
   * Enforce Azure Policy for Kubernetes (the azure-policy add-on).
   * @default true
   */
  readonly azurePolicy?: boolean;
  /**
   * Turn on the application routing add-on (managed NGINX, ingress class `webapprouting.kubernetes.azure.com`),
   * which serves the apps' Ingresses.
   * @default true
   */
  readonly applicationRouting?: boolean;
  /**
   * Encrypt the nodes' temporary disks and OS disk caches on the VM host (all node pools). The subscription
   * needs the feature registered once: `az feature register --namespace Microsoft.Compute --name EncryptionAtHost`.
   * @default true
   */
  readonly encryptionAtHost?: boolean;
  /**
   * Control-plane log categories a diagnostic setting sends to `logAnalyticsWorkspace` (resource-specific
   * tables); empty for none. Ignored without a workspace.
   * @default DEFAULT_CONTROL_PLANE_LOGS
   */
  readonly controlPlaneLogs?: readonly string[];
}

/**
 * The control-plane log categories sent to Log Analytics by default: the API server audit log without reads
 * (`kube-audit-admin`, a fraction of `kube-audit`'s volume) and the Azure AD authentication log (`guard`).
 */
export const DEFAULT_CONTROL_PLANE_LOGS: readonly string[] = ["kube-audit-admin", "guard"];

/**
 * An AKS cluster with secure defaults: OIDC issuer and workload identity on, Azure AD RBAC with local
 * accounts disabled, Azure CNI overlay with Cilium network policy, system and user node pools with
 * autoscaling across the environment's zones, automatic upgrades inside a maintenance window, API server
 * restricted to authorized ranges (or private), Key Vault secrets provider with rotation, Azure Policy, the
 * application routing add-on that serves the apps' Ingresses, encryption at host on every node pool, the
 * control-plane audit logs in Log Analytics, and Network Contributor for the cluster identity on its subnet.
 */
export class AksCluster extends Construct implements IAksCluster {
  /**
   * An existing cluster, looked up by name and resource group (optionally with kubernetes / helm providers
   * configured for it): see `AksClusterAccess`.
   */
  public static fromName(scope: Construct, id: string, props: AksClusterAccessProps): AksClusterAccess {
    return new AksClusterAccess(scope, id, props);
  }

  /** The azurerm kubernetes cluster. */
  public readonly resource: KubernetesCluster;
  /** The user node pools, by pool name. */
  public readonly userNodePools: Readonly<Record<string, KubernetesClusterNodePool>>;
  /** Cluster resource id. */
  public readonly id: string;
  /** Cluster name. */
  public readonly name: string;
  /** Resource group of the cluster. */
  public readonly resourceGroupName: string;
  /** OIDC issuer URL, for workload identity federated credentials. */
  public readonly oidcIssuerUrl: string;
  /** Object id of the kubelet identity (pulls images). */
  public readonly kubeletIdentityObjectId: string;

  constructor(scope: Construct, id: string, props: AksClusterProps) {
    super(scope, id);
    const env = props.environment;
    const zones = env.zones.length > 0 ? [...env.zones] : undefined;
    this.resource = new KubernetesCluster(this, "Resource", {
      ...identityAndAccess(env, props.resourceGroup),
      ...upgrades(env),
      ...addons(props),
      networkProfile: networkProfile(env),
      defaultNodePool: {
        ...nodePoolSettings(env.cluster.systemPool, zones, props),
        onlyCriticalAddonsEnabled: true,
        temporaryNameForRotation: `${env.cluster.systemPool.name.slice(0, 8)}tmp`,
      },
      tags: env.tags,
      lifecycle: { ignoreChanges: ["default_node_pool[0].node_count"] },
    });

    const userNodePools: Record<string, KubernetesClusterNodePool> = {};
    for (const pool of env.cluster.userPools) {
      userNodePools[pool.name] = new KubernetesClusterNodePool(this, `NodePool-${pool.name}`, {
        kubernetesClusterId: this.resource.id,
        mode: "User",
        ...nodePoolSettings(pool, zones, props),
        tags: env.tags,
        lifecycle: { ignoreChanges: ["node_count"] },
      });
    }
    this.userNodePools = userNodePools;
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.resourceGroupName = props.resourceGroup.name;
    this.oidcIssuerUrl = this.resource.oidcIssuerUrl;
    this.kubeletIdentityObjectId = this.resource.kubeletIdentity.objectId;
    this.securityExtras(props);
  }

  /**
   * Network Contributor for the cluster identity on its node subnet (Azure requires it for a subnet the cluster
   * does not own; az aks create grants it, Terraform has to), and the control-plane logs to Log Analytics.
   */
  private securityExtras(props: AksClusterProps): void {
    new RoleAssignment(this, "NodeSubnetNetworkContributor", {
      scope: props.network.nodeSubnetId,
      roleDefinitionName: "Network Contributor",
      principalId: this.resource.identity.principalId,
      principalType: "ServicePrincipal",
      skipServicePrincipalAadCheck: true,
    });
    const logs = props.controlPlaneLogs ?? DEFAULT_CONTROL_PLANE_LOGS;
    if (props.logAnalyticsWorkspace && logs.length > 0) {
      new MonitorDiagnosticSetting(this, "ControlPlaneLogs", {
        name: "control-plane-logs",
        targetResourceId: this.resource.id,
        logAnalyticsWorkspaceId: props.logAnalyticsWorkspace.id,
        logAnalyticsDestinationType: "Dedicated",
        enabledLog: logs.map((category) => ({ category })),
      });
    }
  }
}

/** Name, place, version and who may reach the API server: Azure AD RBAC only, authorized ranges or private. */
function identityAndAccess(env: AksClusterEnvironment, resourceGroup: IResourceGroup) {
  const cluster = env.cluster;
  return {
    name: env.names.of("kubernetesCluster"),
    location: env.location,
    resourceGroupName: resourceGroup.name,
    dnsPrefix: env.names.of("kubernetesDnsPrefix"),
    nodeResourceGroup: env.names.of("nodeResourceGroup"),
    kubernetesVersion: cluster.kubernetesVersion,
    skuTier: cluster.skuTier,
    identity: { type: "SystemAssigned" },
    oidcIssuerEnabled: true,
    workloadIdentityEnabled: true,
    localAccountDisabled: true,
    roleBasedAccessControlEnabled: true,
    azureActiveDirectoryRoleBasedAccessControl: { azureRbacEnabled: true, adminGroupObjectIds: [...cluster.adminGroupObjectIds] },
    privateClusterEnabled: cluster.privateCluster,
    apiServerAccessProfile: cluster.privateCluster ? undefined : { authorizedIpRanges: [...cluster.apiServerAuthorizedIpRanges] },
  };
}

/** Automatic Kubernetes and node image upgrades, both inside the weekly maintenance window. */
function upgrades(env: AksClusterEnvironment) {
  const window = env.cluster.maintenanceWindow;
  const maintenance = {
    frequency: "Weekly",
    interval: 1,
    dayOfWeek: window.dayOfWeek,
    startTime: `${String(window.startHour).padStart(2, "0")}:00`,
    duration: window.durationHours,
    utcOffset: window.utcOffset,
  };
  return {
    automaticUpgradeChannel: env.cluster.upgradeChannel,
    nodeOsUpgradeChannel: "NodeImage",
    maintenanceWindowAutoUpgrade: maintenance,
    maintenanceWindowNodeOs: maintenance,
  };
}

/** The add-ons and profiles, each with its opt-out. */
function addons(props: AksClusterProps) {
  return {
    azurePolicyEnabled: props.azurePolicy ?? true,
    imageCleanerEnabled: true,
    imageCleanerIntervalHours: 48,
    keyVaultSecretsProvider: { secretRotationEnabled: true, secretRotationInterval: "2m" },
    webAppRouting: props.applicationRouting ?? true ? { dnsZoneIds: [] } : undefined,
    monitorMetrics: props.managedPrometheus ?? true ? {} : undefined,
    omsAgent: props.logAnalyticsWorkspace ? { logAnalyticsWorkspaceId: props.logAnalyticsWorkspace.id, msiAuthForMonitoringEnabled: true } : undefined,
  };
}

/** Azure CNI overlay with Cilium as data plane and network policy. */
function networkProfile(env: AksClusterEnvironment) {
  const cluster = env.cluster;
  return {
    networkPlugin: "azure",
    networkPluginMode: "overlay",
    networkDataPlane: "cilium",
    networkPolicy: "cilium",
    podCidr: cluster.podCidr,
    serviceCidr: cluster.serviceCidr,
    dnsServiceIp: cluster.dnsServiceIp,
    loadBalancerSku: "standard",
    outboundType: "loadBalancer",
  };
}

/** Settings shared by the system pool and user pools. */
function nodePoolSettings(pool: ResolvedNodePool, zones: string[] | undefined, props: Pick<AksClusterProps, "network" | "encryptionAtHost">) {
  return {
    hostEncryptionEnabled: props.encryptionAtHost ?? true,
    name: pool.name,
    vmSize: pool.vmSize,
    autoScalingEnabled: true,
    minCount: pool.minCount,
    maxCount: pool.maxCount,
    maxPods: pool.maxPods,
    osDiskSizeGb: pool.osDiskSizeGb,
    osSku: "AzureLinux",
    zones,
    vnetSubnetId: props.network.nodeSubnetId,
    nodeLabels: Object.keys(pool.labels).length > 0 ? { ...pool.labels } : undefined,
    upgradeSettings: { maxSurge: "33%" },
  };
}
