import { isGuid, isKeyVaultSecretName, KEY_VAULT_SECRET_NAME_RULE } from "../core/azure-formats";
import { Duration, durationFix } from "../core/duration";
import { ENVIRONMENT_NAME } from "../core/names";
import { gitBranchProblems, gitUrlProblems, isSshGitUrl } from "../core/git-rules";
import { maskUrlUserInfo } from "../core/redaction";
import { AzureNames, azureNameProblem } from "./azure-names";
import { cidrsOverlap, Ipv4Cidr, parseCidr } from "./cidr";
import { POD_CIDR, SERVICE_CIDR } from "./environment";
import {
  ClusterSpec,
  EnvironmentSpec,
  GitRepositorySpec,
  MonitoringSpec,
  NodePoolSpec,
  PlatformSpec,
  RemoteStateSpec,
  Tier,
} from "./environment-spec";
import { governanceProblems } from "./validate-governance";
import { tierDefaults } from "./tier-defaults";
import { deliveryProblems } from "./delivery-spec";
import { feedbackProblems } from "./feedback-spec";

const PROJECT_NAME = /^[a-z][a-z0-9]{1,11}$/;
const LOCATION = /^[a-z][a-z0-9]+$/;
const KUBERNETES_VERSION = /^\d+\.\d+(\.\d+)?$/;
const NODE_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
const VM_SIZE = /^Standard_[A-Za-z0-9_]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UTC_OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;
const BLOB_CONTAINER_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;
const TIERS: readonly Tier[] = ["dev", "staging", "prod"];
const UPGRADE_CHANNELS = ["patch", "stable", "rapid", "node-image"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const ZONES = ["1", "2", "3"];
const LIBRARY_TAGS = ["project", "environment", "tier", "owners", "managed-by"];

/** Thrown when a platform spec is invalid; lists every problem found, one a line. */
export class PlatformValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`invalid platform spec (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PlatformValidationError";
  }
}

/**
 * Checks a platform spec and returns every problem as a message naming the environment, the field,
 * the bad value and the fix. An empty list means the spec is valid.
 */
export function validatePlatform(spec: PlatformSpec): string[] {
  const problems: string[] = [];
  if (!PROJECT_NAME.test(spec.project)) {
    problems.push(`platform: project "${spec.project}" is not valid; use 2-12 lower-case letters and digits, starting with a letter`);
  }
  if (spec.environments.length === 0) {
    problems.push("platform: environments is empty; declare at least one environment");
  }
  if (spec.remoteState) problems.push(...remoteStateProblems(spec.remoteState), ...stateFirewallProblems(spec));

  const seen = new Set<string>();
  for (const env of spec.environments) {
    if (seen.has(env.name)) {
      problems.push(`environments/${env.name}: name "${env.name}" is used by more than one environment; environment names must be unique`);
    }
    seen.add(env.name);
    problems.push(...environmentProblems(spec.project, env));
  }
  problems.push(...overlapProblems(spec.environments));
  problems.push(...promotionProblems(spec.environments));
  problems.push(...deliveryProblems(spec));
  problems.push(...governanceProblems(spec));
  problems.push(...feedbackProblems(spec));
  return problems;
}

/** Throws a `PlatformValidationError` listing every problem, if there is any. */
export function assertValidPlatform(spec: PlatformSpec): void {
  const problems = validatePlatform(spec);
  if (problems.length > 0) throw new PlatformValidationError(problems);
}

/** Private and reserved blocks the storage firewall refuses in IP rules. */
const NON_PUBLIC = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"];

function stateFirewallProblems(spec: PlatformSpec): string[] {
  const state = spec.remoteState!;
  const given = state.allowedIpRanges !== undefined;
  const at = given ? "platform: remoteState.allowedIpRanges" : "platform: remoteState.allowedIpRanges (defaults to the environments' cluster.apiServerAuthorizedIpRanges)";
  const ranges = given ? state.allowedIpRanges! : spec.environments.flatMap((env) => env.cluster?.apiServerAuthorizedIpRanges ?? []);
  const problems: string[] = [];
  for (const range of ranges) {
    const cidr = parseCidr(range.includes("/") ? range : `${range}/32`);
    if (!cidr) problems.push(`${at} contains "${range}", which is not an ipv4 address or cidr block`);
    else if (cidr.prefix === 0) problems.push(`${at} contains "${range}", which allows every address; list the networks that need the state`);
    else if (cidr.prefix === 31) problems.push(`${at} contains "${range}": azure storage does not accept /31 ranges; list the two addresses`);
    else if (NON_PUBLIC.some((block) => cidrsOverlap(cidr, parseCidr(block)!))) {
      problems.push(`${at} contains "${range}", which is not a public range; azure storage ip rules take public addresses only (use a private endpoint for in-network runners)`);
    }
  }
  return problems;
}

function remoteStateProblems(state: RemoteStateSpec): string[] {
  const problems: string[] = [];
  const at = "platform: remoteState";
  for (const [kind, name] of [["storageAccount", state.storageAccountName], ["resourceGroup", state.resourceGroupName]] as const) {
    const problem = azureNameProblem(kind, name);
    if (problem) problems.push(`${at}: ${problem}`);
  }
  const container = state.containerName ?? "tfstate";
  if (!BLOB_CONTAINER_NAME.test(container)) {
    problems.push(`${at}.containerName "${container}" is not valid; use 3-63 lower-case letters, digits and single hyphens`);
  }
  if (!LOCATION.test(state.location)) problems.push(locationProblem(at, state.location));
  if (state.subscriptionId !== undefined && !isGuid(state.subscriptionId)) {
    problems.push(`${at}.subscriptionId "${state.subscriptionId}" is not a subscription id; use the subscription's guid`);
  }
  return problems;
}

function environmentProblems(project: string, env: EnvironmentSpec): string[] {
  const at = `environments/${env.name}`;
  const problems: string[] = [];
  if (!ENVIRONMENT_NAME.test(env.name)) {
    problems.push(`${at}: name "${env.name}" is not valid; use 2-12 lower-case letters and digits, starting with a letter`);
  } else if (PROJECT_NAME.test(project)) {
    problems.push(...new AzureNames(project, env.name).problems().map((p) => `${at}: ${p}; shorten the project or environment name`));
  }
  if (!TIERS.includes(env.tier)) {
    problems.push(`${at}: tier "${env.tier}" is not valid; use one of ${TIERS.join(", ")}`);
    return problems;
  }
  if (!LOCATION.test(env.location)) problems.push(locationProblem(at, env.location));
  if (env.subscriptionId !== undefined && !isGuid(env.subscriptionId)) {
    problems.push(`${at}: subscriptionId "${env.subscriptionId}" is not a subscription id; use the subscription's guid`);
  }

  const address = parseCidr(env.addressSpace);
  if (!address) {
    problems.push(`${at}: addressSpace "${env.addressSpace}" is not an ipv4 cidr block; use a network address such as 10.10.0.0/16`);
  } else if (address.prefix < 8 || address.prefix > 24) {
    problems.push(`${at}: addressSpace "${env.addressSpace}" has prefix /${address.prefix}; use a prefix from /8 to /24`);
  } else {
    for (const [label, reserved] of [["pod cidr", POD_CIDR], ["service cidr", SERVICE_CIDR]]) {
      if (cidrsOverlap(address, parseCidr(reserved) as Ipv4Cidr)) {
        problems.push(`${at}: addressSpace "${env.addressSpace}" overlaps the aks ${label} ${reserved}; choose a range outside it, such as 10.x.0.0/16`);
      }
    }
  }

  if (env.sync !== undefined && env.sync !== "flux" && env.sync !== "argocd") {
    problems.push(`${at}: sync "${env.sync}" is not valid; use "flux" or "argocd"`);
  }
  problems.push(...clusterProblems(at, env.tier, env.cluster));
  problems.push(...gitRepositoryProblems(at, env.gitops));
  problems.push(...ownerAndTagProblems(at, env));

  const zones = env.zones ?? tierDefaults(env.tier).zones;
  for (const zone of zones) {
    if (!ZONES.includes(zone)) problems.push(`${at}: zones contains "${zone}"; use "1", "2" or "3"`);
  }
  if (new Set(zones).size !== zones.length) problems.push(`${at}: zones [${zones.join(", ")}] has duplicates; list each zone once`);
  if (env.tier === "prod" && new Set(zones).size < 2) {
    problems.push(`${at}: prod environment has ${new Set(zones).size} availability zone(s); prod must be zone redundant, set zones to ["1", "2", "3"]`);
  }
  const retention = env.logRetentionDays;
  if (retention !== undefined && (!Number.isInteger(retention) || retention < 30 || retention > 730)) {
    problems.push(`${at}: logRetentionDays ${retention} is out of range; use a whole number of days from 30 to 730`);
  }
  problems.push(...monitoringProblems(at, env.tier, env.monitoring));
  return problems;
}

function locationProblem(at: string, location: string): string {
  return `${at}: location "${location}" is not an azure region name; use the programmatic name, such as "westeurope"`;
}

function clusterProblems(at: string, tier: Tier, cluster: ClusterSpec): string[] {
  const problems: string[] = [];
  if (!KUBERNETES_VERSION.test(cluster.kubernetesVersion)) {
    problems.push(`${at}: cluster.kubernetesVersion "${cluster.kubernetesVersion}" is not valid; use MAJOR.MINOR such as "1.33"`);
  }
  if (cluster.adminGroupObjectIds.length === 0) {
    problems.push(`${at}: cluster.adminGroupObjectIds is empty; name at least one azure ad group (local accounts are disabled)`);
  }
  for (const id of cluster.adminGroupObjectIds) {
    if (!isGuid(id)) problems.push(`${at}: cluster.adminGroupObjectIds contains "${id}", which is not an object id; use the group's guid`);
  }

  const defaults = tierDefaults(tier);
  const systemPool = cluster.systemPool ?? defaults.systemPool;
  const userPools = cluster.userPools ?? defaults.userPools;
  problems.push(...nodePoolProblems(`${at}: cluster.systemPool`, systemPool, 1));
  if (tier === "prod" && systemPool.minCount < 2) {
    problems.push(`${at}: cluster.systemPool.minCount ${systemPool.minCount} leaves prod without a spare system node; use at least 2`);
  }
  userPools.forEach((pool, i) => problems.push(...nodePoolProblems(`${at}: cluster.userPools[${i}]`, pool, 0)));
  const names = [systemPool, ...userPools].map((p) => p.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    problems.push(`${at}: node pool name "${name}" is used more than once; node pool names must be unique in a cluster`);
  }

  const ranges = cluster.apiServerAuthorizedIpRanges ?? [];
  if (!cluster.privateCluster && ranges.length === 0) {
    problems.push(`${at}: the api server is open to the internet; set cluster.apiServerAuthorizedIpRanges or cluster.privateCluster: true`);
  }
  for (const range of ranges) {
    const cidr = parseCidr(range);
    if (!cidr) problems.push(`${at}: cluster.apiServerAuthorizedIpRanges contains "${range}", which is not an ipv4 cidr block`);
    else if (cidr.prefix === 0) problems.push(`${at}: cluster.apiServerAuthorizedIpRanges contains "${range}", which allows every address; list the networks that need access`);
  }
  if (cluster.upgradeChannel !== undefined && !UPGRADE_CHANNELS.includes(cluster.upgradeChannel)) {
    problems.push(`${at}: cluster.upgradeChannel "${cluster.upgradeChannel}" is not valid; use one of ${UPGRADE_CHANNELS.join(", ")}`);
  }
  const window = cluster.maintenanceWindow;
  if (window) {
    if (!DAYS.includes(window.dayOfWeek)) problems.push(`${at}: cluster.maintenanceWindow.dayOfWeek "${window.dayOfWeek}" is not valid; use a day such as "Sunday"`);
    if (!Number.isInteger(window.startHour) || window.startHour < 0 || window.startHour > 23) {
      problems.push(`${at}: cluster.maintenanceWindow.startHour ${window.startHour} is out of range; use 0-23`);
    }
    if (!Number.isInteger(window.durationHours) || window.durationHours < 4 || window.durationHours > 24) {
      problems.push(`${at}: cluster.maintenanceWindow.durationHours ${window.durationHours} is out of range; aks needs 4-24 hours`);
    }
    if (window.utcOffset !== undefined && !UTC_OFFSET.test(window.utcOffset)) {
      problems.push(`${at}: cluster.maintenanceWindow.utcOffset "${window.utcOffset}" is not valid; use +HH:MM or -HH:MM`);
    }
  }
  return problems;
}

function nodePoolProblems(at: string, pool: NodePoolSpec, minimum: number): string[] {
  const problems: string[] = [];
  if (!NODE_POOL_NAME.test(pool.name)) {
    problems.push(`${at}.name "${pool.name}" is not valid; use 1-12 lower-case letters and digits, starting with a letter`);
  }
  if (!VM_SIZE.test(pool.vmSize)) problems.push(`${at}.vmSize "${pool.vmSize}" is not an azure vm size; use a size such as "Standard_D4s_v5"`);
  if (!Number.isInteger(pool.minCount) || pool.minCount < minimum) {
    problems.push(`${at}.minCount ${pool.minCount} is not valid; use a whole number of at least ${minimum}`);
  }
  if (!Number.isInteger(pool.maxCount) || pool.maxCount < 1 || pool.maxCount > 1000) {
    problems.push(`${at}.maxCount ${pool.maxCount} is not valid; use a whole number from 1 to 1000`);
  }
  if (pool.minCount > pool.maxCount) {
    problems.push(`${at}: autoscale minCount ${pool.minCount} is greater than maxCount ${pool.maxCount}; set minCount <= maxCount`);
  }
  if (pool.maxPods !== undefined && (!Number.isInteger(pool.maxPods) || pool.maxPods < 10 || pool.maxPods > 250)) {
    problems.push(`${at}.maxPods ${pool.maxPods} is out of range; use 10-250`);
  }
  if (pool.osDiskSizeGb !== undefined && (!Number.isInteger(pool.osDiskSizeGb) || pool.osDiskSizeGb < 30 || pool.osDiskSizeGb > 2048)) {
    problems.push(`${at}.osDiskSizeGb ${pool.osDiskSizeGb} is out of range; use 30-2048`);
  }
  return problems;
}

function gitRepositoryProblems(at: string, repo: GitRepositorySpec): string[] {
  const problems = [...gitUrlProblems(at, repo.url), ...gitBranchProblems(at, repo.branch ?? "main")];
  if (repo.syncInterval !== undefined && !Duration.parse(repo.syncInterval)) {
    problems.push(`${at}: gitops.syncInterval "${repo.syncInterval}" is not a duration; ${durationFix()}`);
  }
  const auth = repo.auth ?? { kind: "public" };
  const ssh = isSshGitUrl(repo.url);
  if (auth.kind === "ssh") {
    if (!ssh) problems.push(`${at}: gitops.auth is ssh but url "${maskUrlUserInfo(repo.url)}" is not an ssh url; use an ssh url or https auth`);
    problems.push(...secretNameProblems(at, [auth.privateKeySecretName, auth.knownHostsSecretName]));
  } else if (auth.kind === "https") {
    if (ssh) problems.push(`${at}: gitops.auth is https but url "${repo.url}" is an ssh url; use an https url or ssh auth`);
    problems.push(...secretNameProblems(at, [auth.usernameSecretName, auth.passwordSecretName]));
  } else if (auth.kind === "public") {
    if (ssh) problems.push(`${at}: gitops url "${repo.url}" is an ssh url, which needs a key; set gitops.auth to ssh or use an https url`);
  } else {
    problems.push(`${at}: gitops.auth.kind "${(auth as { kind: string }).kind}" is not valid; use "public", "ssh" or "https"`);
  }
  return problems;
}

function secretNameProblems(at: string, names: readonly string[]): string[] {
  return names
    .filter((name) => !isKeyVaultSecretName(name))
    .map((name) => `${at}: gitops.auth secret name "${name}" is not a key vault secret name; ${KEY_VAULT_SECRET_NAME_RULE}`);
}

function ownerAndTagProblems(at: string, env: EnvironmentSpec): string[] {
  const problems: string[] = [];
  if (env.owners.length === 0) problems.push(`${at}: owners is empty; name at least one owner e-mail address`);
  for (const owner of env.owners) {
    if (!EMAIL.test(owner)) problems.push(`${at}: owner "${owner}" is not an e-mail address`);
  }
  for (const [key, value] of Object.entries(env.tags ?? {})) {
    if (LIBRARY_TAGS.includes(key)) problems.push(`${at}: tag "${key}" is set by the library; remove it from tags`);
    if (key.length === 0 || key.length > 512 || /[<>%&\\?/]/.test(key)) {
      problems.push(`${at}: tag name "${key}" is not valid; azure allows 1-512 characters without < > % & \\ ? /`);
    }
    if (value.length > 256) problems.push(`${at}: tag "${key}" value is ${value.length} characters long; azure allows 256`);
  }
  return problems;
}

function monitoringProblems(at: string, tier: Tier, monitoring: MonitoringSpec | undefined): string[] {
  const problems: string[] = [];
  const emails = monitoring?.emailReceivers ?? [];
  const webhooks = monitoring?.webhookReceivers ?? [];
  for (const email of emails) {
    if (!EMAIL.test(email)) problems.push(`${at}: monitoring.emailReceivers contains "${email}", which is not an e-mail address`);
  }
  const hookNames = new Set<string>();
  for (const hook of webhooks) {
    if (!/^[a-zA-Z0-9][-a-zA-Z0-9]{0,62}$/.test(hook.name)) {
      problems.push(`${at}: monitoring webhook name "${hook.name}" is not valid; use 1-63 letters, digits and hyphens`);
    }
    if (hookNames.has(hook.name)) problems.push(`${at}: monitoring webhook name "${hook.name}" is used twice; webhook names must be unique`);
    hookNames.add(hook.name);
    if (!/^https:\/\/[^\s]+$/.test(hook.url)) problems.push(`${at}: monitoring webhook "${hook.name}" url is not https; use an https:// url`);
  }
  if (tier === "prod" && emails.length + webhooks.length === 0) {
    problems.push(`${at}: prod environment has no alert receivers; set monitoring.emailReceivers or monitoring.webhookReceivers`);
  }
  const group = monitoring?.grafanaAdminGroupObjectId;
  if (group !== undefined && !isGuid(group)) {
    problems.push(`${at}: monitoring.grafanaAdminGroupObjectId "${group}" is not an object id; use the group's guid`);
  }
  return problems;
}

function overlapProblems(environments: readonly EnvironmentSpec[]): string[] {
  const problems: string[] = [];
  const parsed = environments.map((env) => ({ env, cidr: parseCidr(env.addressSpace) }));
  parsed.forEach((a, i) => {
    for (const b of parsed.slice(i + 1)) {
      if (a.cidr && b.cidr && cidrsOverlap(a.cidr, b.cidr)) {
        problems.push(
          `environments/${b.env.name}: addressSpace "${b.env.addressSpace}" overlaps "${a.env.addressSpace}" of environment "${a.env.name}"; give each environment its own range`,
        );
      }
    }
  });
  return problems;
}

function promotionProblems(environments: readonly EnvironmentSpec[]): string[] {
  const problems: string[] = [];
  const byName = new Map(environments.map((env) => [env.name, env]));
  for (const env of environments) {
    const at = `environments/${env.name}`;
    if (env.promotesFrom === undefined) continue;
    const source = byName.get(env.promotesFrom);
    if (env.promotesFrom === env.name) {
      problems.push(`${at}: promotesFrom "${env.promotesFrom}" is the environment itself; promote from an earlier environment`);
    } else if (!source) {
      problems.push(`${at}: promotesFrom "${env.promotesFrom}" is not a known environment; use one of ${[...byName.keys()].join(", ")}`);
    } else if (TIERS.indexOf(source.tier) > TIERS.indexOf(env.tier)) {
      problems.push(`${at}: promotesFrom "${source.name}" is a ${source.tier} environment, above this ${env.tier} one; promote from a lower tier`);
    }
  }
  for (const env of environments) {
    const chain = [env.name];
    let next = byName.get(env.name)?.promotesFrom;
    while (next !== undefined && byName.has(next) && next !== env.name && !chain.includes(next)) {
      chain.push(next);
      next = byName.get(next)?.promotesFrom;
    }
    if (next === env.name && chain.length > 1 && env.name === [...chain].sort()[0]) {
      problems.push(`environments/${env.name}: promotion chain has a cycle (${[...chain, env.name].join(" <- ")}); remove one promotesFrom`);
    }
  }
  return problems;
}

