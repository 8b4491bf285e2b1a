import { ClusterSpec, MaintenanceWindowSpec, NodePoolSpec, SyncEngine, Tier, UpgradeChannel } from "./environment-spec";

/** Defaults that depend on the tier of an environment. */
export interface TierDefaults {
  /** Availability zones for node pools and zone-redundant services. */
  readonly zones: readonly string[];
  /** The system node pool. */
  readonly systemPool: NodePoolSpec;
  /** The user node pools. */
  readonly userPools: readonly NodePoolSpec[];
  /** AKS pricing tier: `Standard` carries the uptime SLA. */
  readonly aksSkuTier: "Free" | "Standard";
  /** Container registry SKU: `Premium` is needed for zone redundancy. */
  readonly registrySku: "Standard" | "Premium";
  /** Whether the container registry is zone redundant (needs `Premium`). */
  readonly registryZoneRedundant: boolean;
  /** Whether Argo CD runs highly available (redis-ha, two replicas; needs three nodes). */
  readonly argoCdHighAvailability: boolean;
  /** Log Analytics retention in days. */
  readonly logRetentionDays: number;
  /** Key Vault soft-delete retention in days (7-90). */
  readonly keyVaultSoftDeleteRetentionDays: number;
  /** How often the sync engine polls the GitOps repository. */
  readonly syncInterval: string;
  /** Key Vault and registry private endpoints (a few dollars a month each: prod only). */
  readonly privateEndpoints: boolean;
}

const DEFAULT_MAINTENANCE_WINDOW: MaintenanceWindowSpec = {
  dayOfWeek: "Sunday",
  startHour: 2,
  durationHours: 4,
  utcOffset: "+00:00",
};

/** The maintenance window used when an environment does not set one. */
export function defaultMaintenanceWindow(): MaintenanceWindowSpec {
  return DEFAULT_MAINTENANCE_WINDOW;
}

const ALL_ZONES = ["1", "2", "3"] as const;

const TIER_DEFAULTS: Readonly<Record<Tier, TierDefaults>> = {
  dev: {
    zones: [],
    systemPool: { name: "system", vmSize: "Standard_D2s_v5", minCount: 1, maxCount: 2 },
    userPools: [{ name: "apps", vmSize: "Standard_D4s_v5", minCount: 1, maxCount: 3 }],
    aksSkuTier: "Free",
    registrySku: "Standard",
    registryZoneRedundant: false,
    argoCdHighAvailability: false,
    logRetentionDays: 30,
    keyVaultSoftDeleteRetentionDays: 7,
    syncInterval: "1m",
    privateEndpoints: false,
  },
  staging: {
    zones: ALL_ZONES,
    systemPool: { name: "system", vmSize: "Standard_D2s_v5", minCount: 2, maxCount: 3 },
    userPools: [{ name: "apps", vmSize: "Standard_D4s_v5", minCount: 2, maxCount: 5 }],
    aksSkuTier: "Standard",
    registrySku: "Premium",
    registryZoneRedundant: false,
    argoCdHighAvailability: false,
    logRetentionDays: 60,
    keyVaultSoftDeleteRetentionDays: 30,
    syncInterval: "5m",
    privateEndpoints: false,
  },
  prod: {
    zones: ALL_ZONES,
    systemPool: { name: "system", vmSize: "Standard_D4s_v5", minCount: 3, maxCount: 5 },
    userPools: [{ name: "apps", vmSize: "Standard_D8s_v5", minCount: 3, maxCount: 10 }],
    aksSkuTier: "Standard",
    registrySku: "Premium",
    registryZoneRedundant: true,
    argoCdHighAvailability: true,
    logRetentionDays: 90,
    keyVaultSoftDeleteRetentionDays: 90,
    syncInterval: "5m",
    privateEndpoints: true,
  },
};

/** The defaults of a tier. */
export function tierDefaults(tier: Tier): TierDefaults {
  return TIER_DEFAULTS[tier];
}

/** The OS disk of a node pool that does not set one, in GB. */
export const DEFAULT_OS_DISK_SIZE_GB = 128;
/** Pods per node of a node pool that does not set it (the AKS default for Azure CNI overlay). */
export const DEFAULT_MAX_PODS = 110;
/** The AKS upgrade channel of a cluster that does not set one. */
export const DEFAULT_UPGRADE_CHANNEL: UpgradeChannel = "patch";
/** The sync engine of an environment that does not set one. */
export const DEFAULT_SYNC_ENGINE: SyncEngine = "flux";

/** The node pools of a cluster: its own, or the tier's where it sets none. Validation and resolution both read it. */
export function nodePoolsOf(tier: Tier, cluster: ClusterSpec): { readonly systemPool: NodePoolSpec; readonly userPools: readonly NodePoolSpec[] } {
  const defaults = tierDefaults(tier);
  return { systemPool: cluster.systemPool ?? defaults.systemPool, userPools: cluster.userPools ?? defaults.userPools };
}
