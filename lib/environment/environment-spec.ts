import { DeliverySpec, EnvironmentDeliverySpec } from "./delivery-spec";
import type { FeedbackSpec } from "./feedback-spec";
import type { GovernanceSpec } from "./governance-spec";

/**
 * The declarative description of an environment, as a platform team writes it in `environments/<env>.ts`.
 * Every optional field has a tier default (see `tier-defaults.ts`); `resolveEnvironment` applies them.
 */

/** The kind of environment. It drives defaults such as zones, node counts, SKUs and retention. */
export type Tier = "dev" | "staging" | "prod";

/** The engine that keeps the cluster in sync with the GitOps repository. */
export type SyncEngine = "flux" | "argocd";

/** An AKS node pool with autoscaling. */
export interface NodePoolSpec {
  /** Pool name: 1-12 lower-case letters and digits, starting with a letter (AKS rule for Linux pools). */
  readonly name: string;
  /** Azure VM size, e.g. `Standard_D4s_v5`. */
  readonly vmSize: string;
  /** Autoscaler lower bound. */
  readonly minCount: number;
  /** Autoscaler upper bound. */
  readonly maxCount: number;
  /**
   * OS disk size in GB.
   * @default 128
   */
  readonly osDiskSizeGb?: number;
  /**
   * Maximum pods per node (10-250).
   * @default 110
   */
  readonly maxPods?: number;
  /**
   * Kubernetes node labels.
   * @default - none
   */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Weekly window in which AKS may upgrade the cluster and its nodes. */
export interface MaintenanceWindowSpec {
  /** Day of the week, e.g. `Sunday`. */
  readonly dayOfWeek: "Monday" | "Tuesday" | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday";
  /** Start hour, 0-23, in `utcOffset`. */
  readonly startHour: number;
  /** Duration in hours, 4-24 (AKS minimum is 4). */
  readonly durationHours: number;
  /**
   * Offset of `startHour` from UTC, `+HH:MM` or `-HH:MM`.
   * @default "+00:00"
   */
  readonly utcOffset?: string;
}

/** AKS automatic upgrade channel. */
export type UpgradeChannel = "patch" | "stable" | "rapid" | "node-image";

/** Cluster settings of an environment. */
export interface ClusterSpec {
  /** Kubernetes version, `MAJOR.MINOR` (patches follow the upgrade channel) or `MAJOR.MINOR.PATCH`. */
  readonly kubernetesVersion: string;
  /** Object ids of the Azure AD groups that are cluster admins (Azure AD RBAC; local accounts are disabled). */
  readonly adminGroupObjectIds: readonly string[];
  /**
   * The system node pool (runs kube-system only).
   * @default - tier default: `system`, Standard_D2s_v5 (dev 1-2, staging 2-3, prod 3-5 nodes)
   */
  readonly systemPool?: NodePoolSpec;
  /**
   * User node pools for workloads.
   * @default - tier default: one `apps` pool, Standard_D4s_v5 (dev 1-3, staging 2-5, prod 3-10 nodes)
   */
  readonly userPools?: readonly NodePoolSpec[];
  /**
   * CIDR ranges allowed to reach the public API server. Required unless `privateCluster` is true.
   * @default - none (then `privateCluster` must be true)
   */
  readonly apiServerAuthorizedIpRanges?: readonly string[];
  /**
   * Make the API server private (reachable only from the virtual network).
   * @default false
   */
  readonly privateCluster?: boolean;
  /**
   * Automatic upgrade channel.
   * @default "patch"
   */
  readonly upgradeChannel?: UpgradeChannel;
  /**
   * Maintenance window for automatic upgrades (cluster and node OS).
   * @default - Sunday 02:00 UTC for 4 hours
   */
  readonly maintenanceWindow?: MaintenanceWindowSpec;
}

/** How the sync engine authenticates to the GitOps repository. Secrets live in Key Vault, never in code. */
export type GitAuthSpec =
  /** The repository is public: no credentials. */
  | { readonly kind: "public" }
  /** An SSH private key (and its known_hosts line) held as Key Vault secrets. */
  | { readonly kind: "ssh"; readonly privateKeySecretName: string; readonly knownHostsSecretName: string }
  /** HTTPS user name and token held as Key Vault secrets. */
  | { readonly kind: "https"; readonly usernameSecretName: string; readonly passwordSecretName: string };

/** The GitOps repository that the environment's sync engine watches. */
export interface GitRepositorySpec {
  /** `https://host/org/repo.git`, `ssh://git@host/org/repo.git` or `git@host:org/repo.git`; no credentials. */
  readonly url: string;
  /**
   * Branch to sync.
   * @default "main"
   */
  readonly branch?: string;
  /**
   * How the engine authenticates.
   * @default { kind: "public" }
   */
  readonly auth?: GitAuthSpec;
  /**
   * How often the engine polls the repository, e.g. `1m`, `5m`, `1h`.
   * @default "1m" for dev, "5m" otherwise
   */
  readonly syncInterval?: string;
}

/** A webhook that receives alerts. */
export interface WebhookReceiverSpec {
  /** Receiver name, unique within the environment. */
  readonly name: string;
  /** `https://` URL. */
  readonly url: string;
}

/** Where alerts go and who administers dashboards. */
export interface MonitoringSpec {
  /**
   * E-mail addresses that receive alerts.
   * @default - none (prod requires at least one receiver)
   */
  readonly emailReceivers?: readonly string[];
  /**
   * Webhooks that receive alerts.
   * @default - none
   */
  readonly webhookReceivers?: readonly WebhookReceiverSpec[];
  /**
   * Object id of the Azure AD group that gets Grafana Admin on the environment's Managed Grafana.
   * @default - no group is given admin access
   */
  readonly grafanaAdminGroupObjectId?: string;
}

/** An environment as the platform team declares it. */
export interface EnvironmentSpec {
  /** Environment name: 2-12 lower-case letters and digits, starting with a letter. Part of every resource name. */
  readonly name: string;
  /** Azure region, programmatic name, e.g. `westeurope`. */
  readonly location: string;
  /**
   * Azure subscription id of the environment's resources.
   * @default - the subscription of the Terraform run (`ARM_SUBSCRIPTION_ID`)
   */
  readonly subscriptionId?: string;
  /** Tier: dev, staging or prod. */
  readonly tier: Tier;
  /** IPv4 address space of the environment's virtual network, `/8` to `/24`, e.g. `10.10.0.0/16`. */
  readonly addressSpace: string;
  /** AKS settings. */
  readonly cluster: ClusterSpec;
  /**
   * Sync engine.
   * @default "flux"
   */
  readonly sync?: SyncEngine;
  /** The GitOps repository the engine syncs from. */
  readonly gitops: GitRepositorySpec;
  /** Owners (e-mail addresses), written as the `owners` tag. At least one. */
  readonly owners: readonly string[];
  /**
   * Extra Azure tags for every resource of the environment.
   * @default - none (the library always adds `environment`, `tier`, `owners` and `managed-by`)
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * The environment this one is promoted from (dev → staging → prod).
   * @default - none (a first environment in the chain)
   */
  readonly promotesFrom?: string;
  /**
   * Availability zones for nodes and zone-redundant services.
   * @default - none for dev, ["1", "2", "3"] for staging and prod
   */
  readonly zones?: readonly string[];
  /**
   * Log retention in days (30-730).
   * @default 30 for dev, 60 for staging, 90 for prod
   */
  readonly logRetentionDays?: number;
  /**
   * Private endpoints (with private DNS zones linked to the virtual network) in the private endpoint subnet for
   * the Key Vault and, on a Premium registry that is not a promotion source, the container registry, whose
   * public network access is then disabled. About USD 8 a month per endpoint plus USD 0.50 per DNS zone.
   * @default - the tier default: true for prod, false otherwise
   */
  readonly privateEndpoints?: boolean;
  /**
   * Alert receivers and dashboard admins.
   * @default - no receivers (not allowed for prod)
   */
  readonly monitoring?: MonitoringSpec;
  /**
   * Where the generated pipeline deploys this environment (tenant, subscription) and who approves apply.
   * Required when the platform has `delivery`.
   * @default - none (no pipeline)
   */
  readonly delivery?: EnvironmentDeliverySpec;
}

/** Where Terraform state lives: one storage account for all environments, created by the bootstrap stack. */
export interface RemoteStateSpec {
  /** Resource group of the state storage account. */
  readonly resourceGroupName: string;
  /** Storage account name: 3-24 lower-case letters and digits, globally unique. */
  readonly storageAccountName: string;
  /**
   * Blob container for state files.
   * @default "tfstate"
   */
  readonly containerName?: string;
  /** Azure region of the state storage account. */
  readonly location: string;
  /**
   * Azure subscription id of the state storage account.
   * @default - the subscription of the Terraform run (`ARM_SUBSCRIPTION_ID`)
   */
  readonly subscriptionId?: string;
  /**
   * Public IPv4 ranges (CI runners, operators) allowed through the state account's firewall, which denies
   * everything else (trusted Azure services excepted). Prefixes /31 are not accepted by Azure; a /32 is
   * written as a plain address.
   * @default - every environment's cluster.apiServerAuthorizedIpRanges (the same runners reach the API servers)
   */
  readonly allowedIpRanges?: readonly string[];
}

/** The whole platform: a project name, its environments and the remote state location. */
export interface PlatformSpec {
  /** Project name: 2-12 lower-case letters and digits, starting with a letter. Part of every resource name. */
  readonly project: string;
  /** The environments, e.g. dev, staging and prod. */
  readonly environments: readonly EnvironmentSpec[];
  /**
   * Remote state. When set, every stack uses an `azurerm` backend with Azure AD auth.
   * @default - local state files (fine for trying things out, not for a team)
   */
  readonly remoteState?: RemoteStateSpec;
  /**
   * Review rules for the infra and GitOps repositories (rulesets, environments, CODEOWNERS); see docs/governance.md.
   * @default - no governance stack and no CODEOWNERS
   */
  readonly governance?: GovernanceSpec;
  /**
   * Continuous deployment: the CI system, repositories, GitOps push credential and pinned tool versions of the
   * generated pipelines (see docs/delivery.md).
   * @default - no pipelines and no pipeline identities are generated
   */
  readonly delivery?: DeliverySpec;
  /**
   * Release feedback: commit statuses from the sync engines and automatic rollback requests (docs/feedback.md).
   * @default - no feedback objects, no automatic rollback
   */
  readonly feedback?: FeedbackSpec;
}
