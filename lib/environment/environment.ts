import { AzureNames } from "./azure-names";
import { addressOf, parseCidr, subnetOf } from "./cidr";
import {
  EnvironmentSpec,
  GitAuthSpec,
  MaintenanceWindowSpec,
  NodePoolSpec,
  SyncEngine,
  Tier,
  UpgradeChannel,
  WebhookReceiverSpec,
} from "./environment-spec";
import {
  DEFAULT_MAX_PODS,
  DEFAULT_OS_DISK_SIZE_GB,
  DEFAULT_SYNC_ENGINE,
  DEFAULT_UPGRADE_CHANNEL,
  defaultMaintenanceWindow,
  nodePoolsOf,
  tierDefaults,
} from "./tier-defaults";
import { DEFAULT_GIT_BRANCH, PUBLIC_GIT_AUTH } from "../core/git-rules";
import { appsPath } from "../core/gitops-layout";
import { MANAGED_BY } from "../core/labels";
import { terraformLiterals } from "../core/terraform-literal";

/** Pod CIDR of the Azure CNI overlay network; environment address spaces must not overlap it. */
export const POD_CIDR = "192.168.0.0/16";
/** Kubernetes service CIDR; environment address spaces must not overlap it. */
export const SERVICE_CIDR = "172.16.0.0/16";

/** A node pool with every default applied. */
export interface ResolvedNodePool extends Required<Omit<NodePoolSpec, "labels">> {
  readonly labels: Readonly<Record<string, string>>;
}

/** Cluster settings with every default applied. */
export interface ResolvedCluster {
  readonly kubernetesVersion: string;
  readonly adminGroupObjectIds: readonly string[];
  readonly systemPool: ResolvedNodePool;
  readonly userPools: readonly ResolvedNodePool[];
  readonly apiServerAuthorizedIpRanges: readonly string[];
  readonly privateCluster: boolean;
  readonly upgradeChannel: UpgradeChannel;
  readonly maintenanceWindow: Required<MaintenanceWindowSpec>;
  /** AKS pricing tier (`Standard` for staging and prod). */
  readonly skuTier: "Free" | "Standard";
  readonly podCidr: string;
  readonly serviceCidr: string;
  readonly dnsServiceIp: string;
}

/** The GitOps repository settings with every default applied. */
export interface ResolvedGitRepository {
  readonly url: string;
  readonly branch: string;
  readonly auth: GitAuthSpec;
  readonly syncInterval: string;
  /** The environment's folder of app manifests in the GitOps repository: `environments/<env>/apps`. */
  readonly appsPath: string;
}

/** An environment with every default applied: what constructs and stacks consume. */
export interface Environment {
  readonly project: string;
  readonly name: string;
  readonly location: string;
  readonly subscriptionId?: string;
  readonly tier: Tier;
  readonly addressSpace: string;
  /** Subnet of the AKS nodes: the first half of the address space. */
  readonly nodeSubnetCidr: string;
  /** Subnet for private endpoints: the third quarter of the address space. */
  readonly privateEndpointSubnetCidr: string;
  readonly cluster: ResolvedCluster;
  readonly sync: SyncEngine;
  readonly gitops: ResolvedGitRepository;
  readonly owners: readonly string[];
  /**
   * Tags for every resource: the user's tags plus `project`, `environment`, `tier`, `owners`, `managed-by`, escaped
   * for Terraform (`terraformLiteral`): they are only ever written as Azure tags.
   */
  readonly tags: Readonly<Record<string, string>>;
  readonly promotesFrom?: string;
  readonly zones: readonly string[];
  /** Whether zone-redundant services (e.g. Managed Grafana) are spread over zones: more than one zone. */
  readonly zoneRedundant: boolean;
  readonly logRetentionDays: number;
  readonly registrySku: "Standard" | "Premium";
  /** Whether the container registry is zone redundant (tier default: prod). */
  readonly registryZoneRedundant: boolean;
  /** Whether Argo CD runs highly available (tier default: prod). */
  readonly argoCdHighAvailability: boolean;
  readonly keyVaultSoftDeleteRetentionDays: number;
  /** Key Vault and registry private endpoints (see EnvironmentSpec.privateEndpoints). */
  readonly privateEndpoints: boolean;
  readonly emailReceivers: readonly string[];
  readonly webhookReceivers: readonly WebhookReceiverSpec[];
  readonly grafanaAdminGroupObjectId?: string;
  /** Public IP ranges allowed through the Key Vault firewall (besides the node subnet and trusted Azure services). */
  readonly keyVaultAllowedIpRanges: readonly string[];
  /** The Azure names of this environment's resources. */
  readonly names: AzureNames;
}

/** Applies tier defaults to a spec. The spec must already be valid (see `validatePlatform`). */
export function resolveEnvironment(project: string, spec: EnvironmentSpec): Environment {
  const defaults = tierDefaults(spec.tier);
  const address = parseCidr(spec.addressSpace);
  const service = parseCidr(SERVICE_CIDR);
  if (!address || !service) throw new Error(`environments/${spec.name}: addressSpace "${spec.addressSpace}" is not a valid cidr block; use an ipv4 cidr block such as "10.10.0.0/16"`);
  return {
    project,
    name: spec.name,
    location: spec.location,
    subscriptionId: spec.subscriptionId,
    tier: spec.tier,
    addressSpace: spec.addressSpace,
    nodeSubnetCidr: subnetOf(address, address.prefix + 1, 0),
    privateEndpointSubnetCidr: subnetOf(address, address.prefix + 2, 2),
    cluster: resolveCluster(spec, addressOf(service, 10)),
    sync: spec.sync ?? DEFAULT_SYNC_ENGINE,
    gitops: {
      url: spec.gitops.url,
      branch: spec.gitops.branch ?? DEFAULT_GIT_BRANCH,
      auth: spec.gitops.auth ?? PUBLIC_GIT_AUTH,
      syncInterval: spec.gitops.syncInterval ?? defaults.syncInterval,
      appsPath: appsPath(spec.name),
    },
    owners: spec.owners,
    tags: terraformLiterals({
      ...spec.tags,
      project,
      environment: spec.name,
      tier: spec.tier,
      owners: spec.owners.join(" "),
      "managed-by": MANAGED_BY,
    }),
    promotesFrom: spec.promotesFrom,
    zones: spec.zones ?? defaults.zones,
    zoneRedundant: (spec.zones ?? defaults.zones).length > 1,
    logRetentionDays: spec.logRetentionDays ?? defaults.logRetentionDays,
    registrySku: defaults.registrySku,
    registryZoneRedundant: defaults.registryZoneRedundant,
    argoCdHighAvailability: defaults.argoCdHighAvailability,
    keyVaultSoftDeleteRetentionDays: defaults.keyVaultSoftDeleteRetentionDays,
    privateEndpoints: spec.privateEndpoints ?? defaults.privateEndpoints,
    emailReceivers: spec.monitoring?.emailReceivers ?? [],
    webhookReceivers: spec.monitoring?.webhookReceivers ?? [],
    grafanaAdminGroupObjectId: spec.monitoring?.grafanaAdminGroupObjectId,
    keyVaultAllowedIpRanges: spec.keyVaultAllowedIpRanges ?? [],
    names: new AzureNames(project, spec.name),
  };
}

/** The cluster settings of a spec with the tier's node pools and SKU tier and the other defaults applied. */
function resolveCluster(spec: EnvironmentSpec, dnsServiceIp: string): ResolvedCluster {
  const cluster = spec.cluster;
  const pools = nodePoolsOf(spec.tier, cluster);
  return {
    kubernetesVersion: cluster.kubernetesVersion,
    adminGroupObjectIds: cluster.adminGroupObjectIds,
    systemPool: resolveNodePool(pools.systemPool),
    userPools: pools.userPools.map(resolveNodePool),
    apiServerAuthorizedIpRanges: cluster.apiServerAuthorizedIpRanges ?? [],
    privateCluster: cluster.privateCluster ?? false,
    upgradeChannel: cluster.upgradeChannel ?? DEFAULT_UPGRADE_CHANNEL,
    maintenanceWindow: { utcOffset: "+00:00", ...(cluster.maintenanceWindow ?? defaultMaintenanceWindow()) },
    skuTier: tierDefaults(spec.tier).aksSkuTier,
    podCidr: POD_CIDR,
    serviceCidr: SERVICE_CIDR,
    dnsServiceIp,
  };
}

function resolveNodePool(pool: NodePoolSpec): ResolvedNodePool {
  return {
    name: pool.name,
    vmSize: pool.vmSize,
    minCount: pool.minCount,
    maxCount: pool.maxCount,
    osDiskSizeGb: pool.osDiskSizeGb ?? DEFAULT_OS_DISK_SIZE_GB,
    maxPods: pool.maxPods ?? DEFAULT_MAX_PODS,
    labels: pool.labels ?? {},
  };
}

/** What an Azure construct reads of its environment to name, place and tag its resources. */
export type ResourceContext = Pick<Environment, "location" | "names" | "tags">;
