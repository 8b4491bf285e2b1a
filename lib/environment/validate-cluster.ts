import { isGuid } from "../core/azure-formats";
import { isLabelValue, isQualifiedName, LABEL_KEY_RULE, LABEL_VALUE_RULE } from "../core/kubernetes-names";
import { cidrListProblems, coveredAddresses } from "./cidr";
import { ClusterSpec, MaintenanceWindowSpec, NodePoolSpec, Tier } from "./environment-spec";
import { nodePoolsOf } from "./tier-defaults";

const KUBERNETES_VERSION = /^\d+\.\d+(\.\d+)?$/;
const NODE_POOL_NAME = /^[a-z][a-z0-9]{0,11}$/;
const VM_SIZE = /^Standard_[A-Za-z0-9_]+$/;
const UTC_OFFSET = /^[+-](0\d|1[0-4]):[0-5]\d$/;
/** Label prefixes AKS and the kubelet reserve for themselves: node pools may not set labels under them. */
const RESERVED_LABEL_DOMAINS = ["kubernetes.azure.com", "kubernetes.io", "k8s.io"];
/** The shortest authorized range allowed: anything wider is most of the internet. */
const MIN_AUTHORIZED_PREFIX = 8;

/** Problems of an environment's cluster settings: version, admins, node pools, api server access, maintenance. */
export function clusterProblems(at: string, tier: Tier, cluster: ClusterSpec): string[] {
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
  problems.push(...nodePoolsProblems(at, tier, cluster));
  problems.push(...apiServerProblems(at, cluster));
  if (cluster.maintenanceWindow) problems.push(...maintenanceWindowProblems(`${at}: cluster.maintenanceWindow`, cluster.maintenanceWindow));
  return problems;
}

function nodePoolsProblems(at: string, tier: Tier, cluster: ClusterSpec): string[] {
  const { systemPool, userPools } = nodePoolsOf(tier, cluster);
  const problems = nodePoolProblems(`${at}: cluster.systemPool`, systemPool, 1);
  if (tier === "prod" && systemPool.minCount < 2) {
    problems.push(`${at}: cluster.systemPool.minCount ${systemPool.minCount} leaves prod without a spare system node; use at least 2`);
  }
  userPools.forEach((pool, i) => problems.push(...nodePoolProblems(`${at}: cluster.userPools[${i}]`, pool, 0)));
  const names = [systemPool, ...userPools].map((p) => p.name);
  for (const name of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    problems.push(`${at}: node pool name "${name}" is used more than once; node pool names must be unique in a cluster`);
  }
  return problems;
}

function nodePoolProblems(at: string, pool: NodePoolSpec, minimum: number): string[] {
  const problems: string[] = [];
  if (!NODE_POOL_NAME.test(pool.name)) {
    problems.push(`${at}.name "${pool.name}" is not valid; use 1-12 lower-case letters and digits, starting with a letter`);
  }
  if (!VM_SIZE.test(pool.vmSize)) problems.push(`${at}.vmSize "${pool.vmSize}" is not an azure vm size; use a size such as "Standard_D4s_v5"`);
  if (!isIntegerIn(pool.minCount, minimum, 1000)) {
    problems.push(`${at}.minCount ${pool.minCount} is not valid; use a whole number from ${minimum} to 1000`);
  }
  if (!isIntegerIn(pool.maxCount, 1, 1000)) {
    problems.push(`${at}.maxCount ${pool.maxCount} is not valid; use a whole number from 1 to 1000`);
  }
  if (pool.minCount > pool.maxCount) {
    problems.push(`${at}: autoscale minCount ${pool.minCount} is greater than maxCount ${pool.maxCount}; set minCount <= maxCount`);
  }
  if (pool.maxPods !== undefined && !isIntegerIn(pool.maxPods, 10, 250)) {
    problems.push(`${at}.maxPods ${pool.maxPods} is out of range; use 10-250`);
  }
  if (pool.osDiskSizeGb !== undefined && !isIntegerIn(pool.osDiskSizeGb, 30, 2048)) {
    problems.push(`${at}.osDiskSizeGb ${pool.osDiskSizeGb} is out of range; use 30-2048`);
  }
  problems.push(...nodeLabelProblems(at, pool.labels ?? {}));
  return problems;
}

function nodeLabelProblems(at: string, labels: Readonly<Record<string, string>>): string[] {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    const prefix = key.includes("/") ? key.slice(0, key.indexOf("/")) : "";
    if (!isQualifiedName(key)) problems.push(`${at}.labels key "${key}" is not a kubernetes label key; ${LABEL_KEY_RULE}`);
    else if (RESERVED_LABEL_DOMAINS.some((domain) => prefix === domain || prefix.endsWith(`.${domain}`))) {
      problems.push(`${at}.labels key "${key}" is under a prefix that aks and kubernetes reserve (${RESERVED_LABEL_DOMAINS.join(", ")}); use a prefix of your own such as contoso.com/`);
    }
    if (!isLabelValue(value)) problems.push(`${at}.labels "${key}" value "${value}" is not a kubernetes label value; ${LABEL_VALUE_RULE}`);
  }
  return problems;
}

function apiServerProblems(at: string, cluster: ClusterSpec): string[] {
  const ranges = cluster.apiServerAuthorizedIpRanges ?? [];
  if (!cluster.privateCluster && ranges.length === 0) {
    return [`${at}: the api server is open to the internet; set cluster.apiServerAuthorizedIpRanges or cluster.privateCluster: true`];
  }
  const { problems, blocks } = cidrListProblems(at, "cluster.apiServerAuthorizedIpRanges", ranges);
  for (const block of blocks.filter((b) => b.prefix < MIN_AUTHORIZED_PREFIX)) {
    const range = ranges[blocks.indexOf(block)] ?? "";
    problems.push(`${at}: cluster.apiServerAuthorizedIpRanges contains "${range}", which is wider than /${MIN_AUTHORIZED_PREFIX} (${block.prefix === 0 ? "every address" : "a large part of the internet"}); list the networks that need access`);
  }
  if (blocks.length > 1 && coveredAddresses(blocks) === 2 ** 32) {
    problems.push(`${at}: cluster.apiServerAuthorizedIpRanges together cover every address; list the networks that need access`);
  }
  return problems;
}

function maintenanceWindowProblems(at: string, window: MaintenanceWindowSpec): string[] {
  const problems: string[] = [];
  if (!isIntegerIn(window.startHour, 0, 23)) problems.push(`${at}.startHour ${window.startHour} is out of range; use 0-23`);
  if (!isIntegerIn(window.durationHours, 4, 24)) problems.push(`${at}.durationHours ${window.durationHours} is out of range; aks needs 4-24 hours`);
  if (window.utcOffset !== undefined && !UTC_OFFSET.test(window.utcOffset)) {
    problems.push(`${at}.utcOffset "${window.utcOffset}" is not valid; use +HH:MM or -HH:MM`);
  }
  return problems;
}

/** True for a whole number from `min` to `max`. */
export function isIntegerIn(value: unknown, min: number, max: number): boolean {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}
