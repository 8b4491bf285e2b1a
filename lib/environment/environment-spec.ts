/**
 * The declarative description of an environment, as a platform team writes it in `environments/<env>.ts`.
 * Every optional field has a tier default (see `tier-defaults.ts`); `resolveEnvironment` applies them.
 *
 * The shapes are declared once, as zod 4 schemas, and the TypeScript types are inferred from them
 * (`z.infer`), so the types and the structural checks cannot drift. zod because it is TypeScript-first (the
 * schema is the type), has strict objects (an unknown key is an error, so a typo in an optional field is
 * never silently ignored), reports every issue with its path, and runs as CommonJS on Node 20 without a
 * build step. The semantic rules (CIDR overlap, Azure names, the promotion chain ...) are in `validate-*.ts`,
 * on top of the shapes. This file is over 300 lines because each field carries its documentation.
 *
 * Other parts plug their own spec into these objects with one line each (`delivery`, `governance`): a zod
 * schema in its own file, added as an optional field below, is checked with the rest and its problems join
 * the one `ValidationError`.
 */
import { z } from "zod";
import { DeliverySpecSchema, EnvironmentDeliverySpecSchema } from "./delivery-spec";
import { FeedbackSpecSchema } from "./feedback-spec";
import { governanceSpecSchema } from "./governance-spec";

/** The tiers, lowest first: promotion runs upwards. */
export const TIERS = ["dev", "staging", "prod"] as const;

/** The kind of environment. It drives defaults such as zones, node counts, SKUs and retention. */
export const TierSchema = z.enum(TIERS);
/** The kind of environment. It drives defaults such as zones, node counts, SKUs and retention. */
export type Tier = z.infer<typeof TierSchema>;

/** The engine that keeps the cluster in sync with the GitOps repository. */
export const SyncEngineSchema = z.enum(["flux", "argocd"]);
/** The engine that keeps the cluster in sync with the GitOps repository. */
export type SyncEngine = z.infer<typeof SyncEngineSchema>;

/** A list of strings (readonly in the inferred type, so `as const` arrays fit). */
const stringList = () => z.array(z.string()).readonly();
/** A map of strings. */
const stringMap = () => z.record(z.string(), z.string());

/** An AKS node pool with autoscaling. */
export const NodePoolSpecSchema = z.strictObject({
  /** Pool name: 1-12 lower-case letters and digits, starting with a letter (AKS rule for Linux pools). */
  name: z.string(),
  /** Azure VM size, e.g. `Standard_D4s_v5`. */
  vmSize: z.string(),
  /** Autoscaler lower bound. */
  minCount: z.number(),
  /** Autoscaler upper bound. */
  maxCount: z.number(),
  /**
   * OS disk size in GB.
   * @default 128
   */
  osDiskSizeGb: z.number().optional(),
  /**
   * Maximum pods per node (10-250).
   * @default 110
   */
  maxPods: z.number().optional(),
  /**
   * Kubernetes node labels: qualified-name keys (not under `kubernetes.azure.com/`), label values.
   * @default - none
   */
  labels: stringMap().optional(),
});
/** An AKS node pool with autoscaling. */
export type NodePoolSpec = z.infer<typeof NodePoolSpecSchema>;

/** The days of the week, as AKS maintenance windows name them. */
export const DAYS_OF_WEEK = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** Weekly window in which AKS may upgrade the cluster and its nodes. */
export const MaintenanceWindowSpecSchema = z.strictObject({
  /** Day of the week, e.g. `Sunday`. */
  dayOfWeek: z.enum(DAYS_OF_WEEK),
  /** Start hour, 0-23, in `utcOffset`. */
  startHour: z.number(),
  /** Duration in hours, 4-24 (AKS minimum is 4). */
  durationHours: z.number(),
  /**
   * Offset of `startHour` from UTC, `+HH:MM` or `-HH:MM`.
   * @default "+00:00"
   */
  utcOffset: z.string().optional(),
});
/** Weekly window in which AKS may upgrade the cluster and its nodes. */
export type MaintenanceWindowSpec = z.infer<typeof MaintenanceWindowSpecSchema>;

/** AKS automatic upgrade channel. */
export const UpgradeChannelSchema = z.enum(["patch", "stable", "rapid", "node-image"]);
/** AKS automatic upgrade channel. */
export type UpgradeChannel = z.infer<typeof UpgradeChannelSchema>;

/** Cluster settings of an environment. */
export const ClusterSpecSchema = z.strictObject({
  /** Kubernetes version, `MAJOR.MINOR` (patches follow the upgrade channel) or `MAJOR.MINOR.PATCH`. */
  kubernetesVersion: z.string(),
  /** Object ids of the Azure AD groups that are cluster admins (Azure AD RBAC; local accounts are disabled). */
  adminGroupObjectIds: stringList(),
  /**
   * The system node pool (runs kube-system only).
   * @default - tier default: `system`, Standard_D2s_v5 (dev 1-2, staging 2-3, prod 3-5 nodes)
   */
  systemPool: NodePoolSpecSchema.optional(),
  /**
   * User node pools for workloads.
   * @default - tier default: one `apps` pool, Standard_D4s_v5 (dev 1-3, staging 2-5, prod 3-10 nodes)
   */
  userPools: z.array(NodePoolSpecSchema).readonly().optional(),
  /**
   * CIDR ranges allowed to reach the public API server. Required unless `privateCluster` is true. Ranges
   * shorter than /8, or ranges that together cover the whole internet, are refused.
   * @default - none (then `privateCluster` must be true)
   */
  apiServerAuthorizedIpRanges: stringList().optional(),
  /**
   * Make the API server private (reachable only from the virtual network).
   * @default false
   */
  privateCluster: z.boolean().optional(),
  /**
   * Automatic upgrade channel.
   * @default "patch"
   */
  upgradeChannel: UpgradeChannelSchema.optional(),
  /**
   * Maintenance window for automatic upgrades (cluster and node OS).
   * @default - Sunday 02:00 UTC for 4 hours
   */
  maintenanceWindow: MaintenanceWindowSpecSchema.optional(),
});
/** Cluster settings of an environment. */
export type ClusterSpec = z.infer<typeof ClusterSpecSchema>;

/** How the sync engine authenticates to the GitOps repository. Secrets live in Key Vault, never in code. */
export const GitAuthSpecSchema = z.discriminatedUnion("kind", [
  /** The repository is public: no credentials. */
  z.strictObject({ kind: z.literal("public") }),
  /** An SSH private key (and its known_hosts line) held as Key Vault secrets. */
  z.strictObject({ kind: z.literal("ssh"), privateKeySecretName: z.string(), knownHostsSecretName: z.string() }),
  /** HTTPS user name and token held as Key Vault secrets. */
  z.strictObject({ kind: z.literal("https"), usernameSecretName: z.string(), passwordSecretName: z.string() }),
]);
/** How the sync engine authenticates to the GitOps repository. Secrets live in Key Vault, never in code. */
export type GitAuthSpec = z.infer<typeof GitAuthSpecSchema>;

/** The GitOps repository that the environment's sync engine watches. */
export const GitRepositorySpecSchema = z.strictObject({
  /** `https://host/org/repo.git`, `ssh://git@host/org/repo.git` or `git@host:org/repo.git`; no credentials. */
  url: z.string(),
  /**
   * Branch to sync.
   * @default "main"
   */
  branch: z.string().optional(),
  /**
   * How the engine authenticates.
   * @default { kind: "public" }
   */
  auth: GitAuthSpecSchema.optional(),
  /**
   * How often the engine polls the repository, e.g. `1m`, `5m`, `1h`.
   * @default "1m" for dev, "5m" otherwise
   */
  syncInterval: z.string().optional(),
});
/** The GitOps repository that the environment's sync engine watches. */
export type GitRepositorySpec = z.infer<typeof GitRepositorySpecSchema>;

/** A webhook that receives alerts. */
export const WebhookReceiverSpecSchema = z.strictObject({
  /** Receiver name, unique within the environment. */
  name: z.string(),
  /** `https://` URL, without credentials in it. */
  url: z.string(),
});
/** A webhook that receives alerts. */
export type WebhookReceiverSpec = z.infer<typeof WebhookReceiverSpecSchema>;

/** Where alerts go and who administers dashboards. */
export const MonitoringSpecSchema = z.strictObject({
  /**
   * E-mail addresses that receive alerts.
   * @default - none (prod requires at least one receiver)
   */
  emailReceivers: stringList().optional(),
  /**
   * Webhooks that receive alerts.
   * @default - none
   */
  webhookReceivers: z.array(WebhookReceiverSpecSchema).readonly().optional(),
  /**
   * Object id of the Azure AD group that gets Grafana Admin on the environment's Managed Grafana.
   * @default - no group is given admin access
   */
  grafanaAdminGroupObjectId: z.string().optional(),
});
/** Where alerts go and who administers dashboards. */
export type MonitoringSpec = z.infer<typeof MonitoringSpecSchema>;

/** An environment as the platform team declares it. */
export const EnvironmentSpecSchema = z.strictObject({
  /** Environment name: 2-12 lower-case letters and digits, starting with a letter. Part of every resource name. */
  name: z.string(),
  /** Azure region, programmatic name, e.g. `westeurope` (checked against the list of Azure regions). */
  location: z.string(),
  /**
   * Azure subscription id of the environment's resources.
   * @default - the subscription of the Terraform run (`ARM_SUBSCRIPTION_ID`)
   */
  subscriptionId: z.string().optional(),
  /** Tier: dev, staging or prod. */
  tier: TierSchema,
  /** IPv4 address space of the environment's virtual network, `/8` to `/24`, e.g. `10.10.0.0/16` (canonical form). */
  addressSpace: z.string(),
  /** AKS settings. */
  cluster: ClusterSpecSchema,
  /**
   * Sync engine.
   * @default "flux"
   */
  sync: SyncEngineSchema.optional(),
  /** The GitOps repository the engine syncs from. */
  gitops: GitRepositorySpecSchema,
  /** Owners (e-mail addresses), written as the `owners` tag (at most 256 characters together). At least one. */
  owners: stringList(),
  /**
   * Extra Azure tags for every resource of the environment.
   * @default - none (the library always adds `project`, `environment`, `tier`, `owners` and `managed-by`)
   */
  tags: stringMap().optional(),
  /**
   * The environment this one is promoted from (dev → staging → prod).
   * @default - none (a first environment in the chain)
   */
  promotesFrom: z.string().optional(),
  /**
   * Availability zones for nodes and zone-redundant services.
   * @default - none for dev, ["1", "2", "3"] for staging and prod
   */
  zones: stringList().optional(),
  /**
   * Log retention in days (30-730).
   * @default 30 for dev, 60 for staging, 90 for prod
   */
  logRetentionDays: z.number().optional(),
  /**
   * Private endpoints (with private DNS zones linked to the virtual network) in the private endpoint subnet for
   * the Key Vault and, on a Premium registry that is not a promotion source, the container registry, whose
   * public network access is then disabled. About USD 8 a month per endpoint plus USD 0.50 per DNS zone.
   * @default - the tier default: true for prod, false otherwise
   */
  privateEndpoints: z.boolean().optional(),
  /**
   * Alert receivers and dashboard admins.
   * @default - no receivers (not allowed for prod)
   */
  monitoring: MonitoringSpecSchema.optional(),
  /**
   * Public IP ranges (CIDR) that may reach the environment's Key Vault through its firewall, e.g. the CI
   * runners that run `terraform plan` when the GitOps credentials are Key Vault secrets.
   * @default - none: only the node subnet and trusted Azure services
   */
  keyVaultAllowedIpRanges: stringList().optional(),
  /**
   * Where the generated pipeline deploys this environment (tenant, subscription) and who approves apply.
   * Required when the platform has `delivery`.
   * @default - none (no pipeline)
   */
  delivery: EnvironmentDeliverySpecSchema.optional(),
});
/** An environment as the platform team declares it. */
export type EnvironmentSpec = z.infer<typeof EnvironmentSpecSchema>;

/** The default blob container of the Terraform state. */
export const DEFAULT_STATE_CONTAINER = "tfstate";

/** Where Terraform state lives: one storage account for all environments, created by the bootstrap stack. */
export const RemoteStateSpecSchema = z.strictObject({
  /** Resource group of the state storage account. */
  resourceGroupName: z.string(),
  /** Storage account name: 3-24 lower-case letters and digits, globally unique. */
  storageAccountName: z.string(),
  /**
   * Blob container for state files.
   * @default "tfstate"
   */
  containerName: z.string().optional(),
  /** Azure region of the state storage account. */
  location: z.string(),
  /**
   * Azure subscription id of the state storage account.
   * @default - the subscription of the Terraform run (`ARM_SUBSCRIPTION_ID`)
   */
  subscriptionId: z.string().optional(),
  /**
   * Public IPv4 ranges (CI runners, operators) allowed through the state account's firewall, which denies
   * everything else (trusted Azure services excepted). Prefixes /31 are not accepted by Azure; a /32 is
   * written as a plain address.
   * @default - every environment's cluster.apiServerAuthorizedIpRanges (the same runners reach the API servers)
   */
  allowedIpRanges: stringList().optional(),
});
/** Where Terraform state lives: one storage account for all environments, created by the bootstrap stack. */
export type RemoteStateSpec = z.infer<typeof RemoteStateSpecSchema>;

/**
 * The whole platform: a project name, its environments and the remote state location. Environments are
 * checked one by one (`EnvironmentSpecSchema`), so their problems are named after the environment.
 */
export const PlatformSpecSchema = z.strictObject({
  /** Project name: 2-12 lower-case letters and digits, starting with a letter. Part of every resource name. */
  project: z.string(),
  /** The environments, e.g. dev, staging and prod. */
  environments: z.array(EnvironmentSpecSchema).readonly(),
  /**
   * Remote state. When set, every stack uses an `azurerm` backend with Azure AD auth.
   * @default - local state files (fine for trying things out, not for a team)
   */
  remoteState: RemoteStateSpecSchema.optional(),
  /**
   * Review rules for the infra and GitOps repositories (rulesets, environments, CODEOWNERS); see docs/governance.md.
   * @default - no governance stack and no CODEOWNERS
   */
  governance: governanceSpecSchema.optional(),
  /**
   * Continuous deployment: the CI system, repositories, GitOps push credential and pinned tool versions of the
   * generated pipelines (see docs/delivery.md).
   * @default - no pipelines and no pipeline identities are generated
   */
  delivery: DeliverySpecSchema.optional(),
  /**
   * Release feedback: commit statuses from the sync engines and automatic rollback requests (docs/feedback.md).
   * @default - no feedback objects, no automatic rollback
   */
  feedback: FeedbackSpecSchema.optional(),
});
/** The whole platform: a project name, its environments and the remote state location. */
export type PlatformSpec = z.infer<typeof PlatformSpecSchema>;
