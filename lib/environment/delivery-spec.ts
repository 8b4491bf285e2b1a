import { z } from "zod";
import { schemaProblems } from "../core/schema";
import { formatProblem } from "../core/validation-error";

/**
 * The delivery settings of a platform: which CI system runs the generated pipelines, where the infra and GitOps
 * repositories live, how the pipeline pushes to the GitOps repository, and the pinned tool versions. Shapes are
 * one zod schema; `deliveryProblems` adds the rules that span fields and environments.
 */

/** Node.js version the generated pipelines install (an LTS release, pinned to the patch). */
export const DEFAULT_NODE_VERSION = "22.21.0";
/** Terraform version the generated pipelines install (pinned to the patch). */
export const DEFAULT_TERRAFORM_VERSION = "1.13.4";
/** Runner labels of the generated jobs (a GitHub-hosted image pinned to its Ubuntu release). */
export const DEFAULT_RUNS_ON: readonly string[] = ["ubuntu-24.04"];
/** Azure DevOps agent pool image of the generated pipelines (the Microsoft-hosted image, pinned to its release). */
export const DEFAULT_AZURE_DEVOPS_VM_IMAGE = "ubuntu-24.04";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const VERSION = /^\d+\.\d+\.\d+$/;
/** GitHub owner and repository names (letters, digits, `-`, `_`, `.`). */
const GITHUB_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,99})$/;
/** Azure DevOps organization, project and repository names: printable, none of the characters Azure DevOps refuses. */
const AZURE_DEVOPS_NAME = /^[^\s\\/:*?"<>|;#$%&'@`,{}[\]^=+~][^\\/:*?"<>|;#$%&'@`,{}[\]^=+~\x00-\x1f]{0,63}$/;
/** GitHub Actions secret names; Azure DevOps secret variable names follow a similar, wider rule. */
const GITHUB_SECRET = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]*$/i;
const AZURE_DEVOPS_SECRET = /^[A-Za-z_][A-Za-z0-9_.]*$/;
/** A GitHub team as `org/team-slug`. */
const GITHUB_TEAM = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[a-z0-9](?:[a-z0-9_-]{0,99})$/;
/** Runner labels: printable, no spaces at the ends, no YAML or expression syntax. */
const RUNNER_LABEL = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** A repository on GitHub. */
export const GitHubRepositorySchema = z.strictObject({
  /** User or organization that owns the repository. */
  owner: z.string(),
  /** Repository name. */
  name: z.string(),
});

/** A repository in Azure Repos. */
export const AzureReposRepositorySchema = z.strictObject({
  /** Azure DevOps organization name (as in `https://dev.azure.com/<organization>`). */
  organization: z.string(),
  /** Project name. */
  project: z.string(),
  /** Repository name. */
  repository: z.string(),
});

/** A repository on GitHub or in Azure Repos. */
export const DeliveryRepositorySchema = z.union([GitHubRepositorySchema, AzureReposRepositorySchema]);

/**
 * How the pipeline pushes to the GitOps repository: a GitHub App (its private key as a CI secret) or an SSH deploy
 * key with write access (the private key as a CI secret). Secret NAMES only, never values; never a personal token.
 */
export const GitOpsPushCredentialSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("github-app"),
    /** The GitHub App's id (its client id works too: both identify the app when minting a token). */
    appId: z.number(),
    /**
     * Installation id on the GitOps repository's owner, for reference (create-github-app-token finds the
     * installation from the repository, so the workflows do not need it).
     * @default - looked up from the GitOps repository
     */
    installationId: z.number().optional(),
    /** Name of the CI secret holding the App's private key (PEM). */
    privateKeySecret: z.string(),
  }),
  z.strictObject({
    kind: z.literal("deploy-key"),
    /** Name of the CI secret holding the deploy key's private key (OpenSSH format, write access). */
    privateKeySecret: z.string(),
  }),
]);

/** The platform's delivery settings. */
export const DeliverySpecSchema = z.strictObject({
  /** The CI system that runs the generated pipelines. */
  ci: z.enum(["github", "azure-devops"]),
  /** The infra repository (this cdktf project): GitHub `{ owner, name }` or Azure Repos `{ organization, project, repository }`. */
  infraRepository: DeliveryRepositorySchema,
  /** The GitOps repository the pipeline publishes releases to (the one the environments sync from). */
  gitopsRepository: DeliveryRepositorySchema,
  /** How the pipeline pushes to the GitOps repository. */
  gitopsPushCredential: GitOpsPushCredentialSchema,
  /**
   * Node.js version of the pipeline jobs, `MAJOR.MINOR.PATCH`.
   * @default DEFAULT_NODE_VERSION
   */
  nodeVersion: z.string().optional(),
  /**
   * Terraform version of the pipeline jobs, `MAJOR.MINOR.PATCH`.
   * @default DEFAULT_TERRAFORM_VERSION
   */
  terraformVersion: z.string().optional(),
  /**
   * Runner labels (GitHub `runs-on`; Azure DevOps: the first label is the hosted image, or the name of a
   * self-hosted pool when `azureDevOps.pool` is set). Use runners whose egress addresses the AKS API servers and
   * Key Vaults allow.
   * @default DEFAULT_RUNS_ON
   */
  runsOn: z.array(z.string()).optional(),
  /**
   * Azure DevOps settings (required when `ci` is `azure-devops`).
   * @default - none
   */
  azureDevOps: z
    .strictObject({
      /** The organization's id (a GUID), part of the workload identity federation issuer. */
      organizationId: z.string(),
      /**
       * A self-hosted agent pool; `runsOn` labels become its demands.
       * @default - Microsoft-hosted agents with the image `runsOn[0]`
       */
      pool: z.string().optional(),
    })
    .optional(),
});

/** Per environment: the Azure tenant and subscription the pipeline deploys to, and who approves apply. */
export const EnvironmentDeliverySpecSchema = z.strictObject({
  /** Azure AD tenant id of the environment's subscription. */
  tenantId: z.string(),
  /** Subscription id the environment's stacks deploy to (one subscription per environment). */
  subscriptionId: z.string(),
  /**
   * Who approves apply: GitHub `org/team` slugs, or Azure DevOps group names (`[Project]\\Group`).
   * @default - nobody (apply runs without approval; not allowed for prod)
   */
  approvers: z.array(z.string()).optional(),
});

/** A repository on GitHub. */
export type GitHubRepository = z.infer<typeof GitHubRepositorySchema>;
/** A repository in Azure Repos. */
export type AzureReposRepository = z.infer<typeof AzureReposRepositorySchema>;
/** A repository on GitHub or in Azure Repos. */
export type DeliveryRepository = z.infer<typeof DeliveryRepositorySchema>;
/** How the pipeline pushes to the GitOps repository. */
export type GitOpsPushCredential = z.infer<typeof GitOpsPushCredentialSchema>;
/** The platform's delivery settings. */
export type DeliverySpec = z.infer<typeof DeliverySpecSchema>;
/** An environment's delivery settings. */
export type EnvironmentDeliverySpec = z.infer<typeof EnvironmentDeliverySpecSchema>;

/** True for a GitHub repository. */
export function isGitHubRepository(repository: DeliveryRepository): repository is GitHubRepository {
  return "owner" in repository;
}

/** What `deliveryProblems` reads of the platform spec. */
export interface DeliveryInput {
  readonly delivery?: unknown;
  readonly remoteState?: unknown;
  readonly environments: readonly { readonly name: string; readonly tier: string; readonly subscriptionId?: string; readonly delivery?: unknown; readonly gitops?: { readonly url?: string } }[];
}

/**
 * Every problem of the platform's delivery settings: the schema's (unknown keys, wrong types, missing fields) and
 * the rules across fields: repository shapes that fit the CI system, secret names the CI system accepts, pinned
 * versions, remote state, one subscription per environment, approvers for prod.
 */
export function deliveryProblems(spec: DeliveryInput): string[] {
  const envDelivery = spec.environments.filter((env) => env.delivery !== undefined);
  if (spec.delivery === undefined) {
    return envDelivery.map((env) => `environments/${env.name}.delivery: is set but the platform has no delivery settings; set platform delivery or remove it`);
  }
  const shape = schemaProblems(DeliverySpecSchema, spec.delivery, "platform.delivery").map(formatProblem);
  for (const env of spec.environments) {
    if (env.delivery === undefined) shape.push(`environments/${env.name}.delivery: is missing; set tenantId and subscriptionId (the pipeline deploys every environment)`);
    else shape.push(...schemaProblems(EnvironmentDeliverySpecSchema, env.delivery, `environments/${env.name}.delivery`).map(formatProblem));
  }
  if (shape.length > 0) return shape;
  const delivery = spec.delivery as DeliverySpec;
  return [
    ...platformRules(delivery, spec.remoteState !== undefined),
    ...spec.environments.flatMap((env) => environmentRules(delivery, env, env.delivery as EnvironmentDeliverySpec)),
    ...subscriptionRules(spec.environments),
  ];
}

function platformRules(delivery: DeliverySpec, remoteState: boolean): string[] {
  const at = "platform.delivery";
  const problems: string[] = [];
  if (!remoteState) problems.push(`${at}: needs remote state (each pipeline job starts on a fresh runner); set platform remoteState`);
  const github = delivery.ci === "github";
  if (github !== isGitHubRepository(delivery.infraRepository)) {
    problems.push(`${at}.infraRepository: ${github ? "github actions runs in a github repository; use { owner, name }" : "azure pipelines runs in an azure repos repository; use { organization, project, repository }"}`);
  }
  problems.push(...repositoryProblems(`${at}.infraRepository`, delivery.infraRepository), ...repositoryProblems(`${at}.gitopsRepository`, delivery.gitopsRepository));
  const credential = delivery.gitopsPushCredential;
  const secretRule = github ? GITHUB_SECRET : AZURE_DEVOPS_SECRET;
  if (!secretRule.test(credential.privateKeySecret)) {
    problems.push(`${at}.gitopsPushCredential.privateKeySecret: "${credential.privateKeySecret}" is not a ${github ? "github actions secret" : "azure devops secret variable"} name; use letters, digits and underscores, starting with a letter${github ? ", not starting with GITHUB_" : ""}`);
  }
  if (credential.kind === "github-app") {
    if (!isGitHubRepository(delivery.gitopsRepository)) problems.push(`${at}.gitopsPushCredential: a github app pushes to github only; use kind "deploy-key" for an azure repos gitops repository`);
    if (!Number.isInteger(credential.appId) || credential.appId < 1) problems.push(`${at}.gitopsPushCredential.appId: ${credential.appId} is not an app id; use the app's numeric id`);
    if (credential.installationId !== undefined && (!Number.isInteger(credential.installationId) || credential.installationId < 1)) {
      problems.push(`${at}.gitopsPushCredential.installationId: ${credential.installationId} is not an installation id; use the installation's numeric id`);
    }
    if (!github) problems.push(`${at}.gitopsPushCredential: the generated azure pipelines push with a deploy key; use kind "deploy-key"`);
  }
  for (const [field, value] of [["nodeVersion", delivery.nodeVersion], ["terraformVersion", delivery.terraformVersion]] as const) {
    if (value !== undefined && !VERSION.test(value)) problems.push(`${at}.${field}: "${value}" is not pinned; use an exact version MAJOR.MINOR.PATCH`);
  }
  if (delivery.runsOn !== undefined) {
    if (delivery.runsOn.length === 0) problems.push(`${at}.runsOn: is empty; list at least one runner label or leave it out`);
    for (const label of delivery.runsOn) if (!RUNNER_LABEL.test(label)) problems.push(`${at}.runsOn: label "${label}" is not valid; use letters, digits, ".", "_" and "-"`);
  }
  if (delivery.ci === "azure-devops") {
    if (delivery.azureDevOps === undefined) problems.push(`${at}.azureDevOps: is missing; set organizationId (the workload identity federation issuer names it)`);
    else if (!GUID.test(delivery.azureDevOps.organizationId)) problems.push(`${at}.azureDevOps.organizationId: "${delivery.azureDevOps.organizationId}" is not a guid; use the organization's id`);
    if (delivery.azureDevOps?.pool !== undefined && !AZURE_DEVOPS_NAME.test(delivery.azureDevOps.pool)) problems.push(`${at}.azureDevOps.pool: "${delivery.azureDevOps.pool}" is not a pool name; use the agent pool's name`);
  } else if (delivery.azureDevOps !== undefined) {
    problems.push(`${at}.azureDevOps: is set but ci is "github"; remove it or set ci to "azure-devops"`);
  }
  return problems;
}

function repositoryProblems(at: string, repository: DeliveryRepository): string[] {
  const fields = isGitHubRepository(repository) ? ([["owner", repository.owner], ["name", repository.name]] as const) : ([["organization", repository.organization], ["project", repository.project], ["repository", repository.repository]] as const);
  const rule = isGitHubRepository(repository) ? GITHUB_NAME : AZURE_DEVOPS_NAME;
  return fields.filter(([, value]) => !rule.test(value)).map(([field, value]) => `${at}.${field}: "${value}" is not a valid ${isGitHubRepository(repository) ? "github" : "azure devops"} name; use letters, digits, "-", "_" and "."`);
}

function environmentRules(delivery: DeliverySpec, env: DeliveryInput["environments"][number], settings: EnvironmentDeliverySpec): string[] {
  const at = `environments/${env.name}.delivery`;
  const problems: string[] = [];
  if (!GUID.test(settings.tenantId)) problems.push(`${at}.tenantId: "${settings.tenantId}" is not a guid; use the azure ad tenant id`);
  if (!GUID.test(settings.subscriptionId)) problems.push(`${at}.subscriptionId: "${settings.subscriptionId}" is not a guid; use the subscription id`);
  if (env.subscriptionId !== undefined && env.subscriptionId.toLowerCase() !== settings.subscriptionId.toLowerCase()) {
    problems.push(`${at}.subscriptionId: "${settings.subscriptionId}" differs from the environment's subscriptionId "${env.subscriptionId}"; use the same subscription`);
  }
  const approvers = settings.approvers ?? [];
  if (env.tier === "prod" && approvers.length === 0) problems.push(`${at}.approvers: is empty for a prod environment; name at least one team or group that approves apply`);
  for (const approver of approvers) {
    if (delivery.ci === "github" && !GITHUB_TEAM.test(approver)) problems.push(`${at}.approvers: "${approver}" is not a github team; use "org/team-slug"`);
    if (delivery.ci === "azure-devops" && (approver.trim() !== approver || approver.length === 0 || /[\x00-\x1f"]/.test(approver))) {
      problems.push(`${at}.approvers: "${approver}" is not an azure devops group name; use the group's name, such as "[contoso]\\\\Release Approvers"`);
    }
  }
  if (new Set(approvers).size !== approvers.length) problems.push(`${at}.approvers: lists an approver twice; list each once`);
  if (isGitHubRepository(delivery.gitopsRepository) && env.gitops?.url !== undefined) {
    const { owner, name } = delivery.gitopsRepository;
    const github = /^(?:https:\/\/github\.com\/|ssh:\/\/git@github\.com\/|git@github\.com:)([^/]+)\/(.+?)(?:\.git)?$/.exec(env.gitops.url);
    if (github && (github[1].toLowerCase() !== owner.toLowerCase() || github[2].toLowerCase() !== name.toLowerCase())) {
      problems.push(`environments/${env.name}.gitops.url: "${env.gitops.url}" is not the gitops repository the pipeline publishes to (${owner}/${name}); sync from that repository or change platform delivery.gitopsRepository`);
    }
  }
  return problems;
}

/** The pipeline identities' rights are scoped to the subscription, so no two environments may share one. */
function subscriptionRules(environments: DeliveryInput["environments"]): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const env of environments) {
    const subscription = (env.delivery as EnvironmentDeliverySpec).subscriptionId.toLowerCase();
    const first = owner.get(subscription);
    if (first !== undefined) {
      problems.push(`environments/${env.name}.delivery.subscriptionId: is also the subscription of ${first}; give each environment its own subscription (the pipeline identities of an environment hold rights on its whole subscription)`);
    } else owner.set(subscription, env.name);
  }
  return problems;
}

/** Delivery settings with defaults applied, and each environment's settings by environment name. */
export interface ResolvedDelivery extends Omit<DeliverySpec, "nodeVersion" | "terraformVersion" | "runsOn"> {
  readonly nodeVersion: string;
  readonly terraformVersion: string;
  readonly runsOn: readonly string[];
  /** Environment name → its delivery settings (approvers defaulted to none). */
  readonly environments: Readonly<Record<string, Required<EnvironmentDeliverySpec>>>;
}

/** Applies the delivery defaults (call after validation). */
export function resolveDelivery(delivery: DeliverySpec, environments: readonly { readonly name: string; readonly delivery?: EnvironmentDeliverySpec }[]): ResolvedDelivery {
  const byEnv: Record<string, Required<EnvironmentDeliverySpec>> = {};
  for (const env of environments) if (env.delivery) byEnv[env.name] = { ...env.delivery, approvers: env.delivery.approvers ?? [] };
  return {
    ...delivery,
    nodeVersion: delivery.nodeVersion ?? DEFAULT_NODE_VERSION,
    terraformVersion: delivery.terraformVersion ?? DEFAULT_TERRAFORM_VERSION,
    runsOn: delivery.runsOn ?? DEFAULT_RUNS_ON,
    environments: byEnv,
  };
}
