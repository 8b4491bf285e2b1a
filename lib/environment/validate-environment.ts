import { isGuid } from "../core/azure-formats";
import { ENVIRONMENT_NAME } from "../core/names";
import { isAzureRegion } from "./azure-regions";
import { AzureNames } from "./azure-names";
import { cidrListProblems, cidrsOverlap, formatCidr, Ipv4Cidr, parseCidr } from "./cidr";
import { POD_CIDR, SERVICE_CIDR } from "./environment";
import { EnvironmentSpec } from "./environment-spec";
import { tierDefaults } from "./tier-defaults";
import { clusterProblems, isIntegerIn } from "./validate-cluster";
import { gitRepositoryProblems } from "./validate-git";
import { EMAIL, monitoringProblems } from "./validate-monitoring";

/** Project names: 2-12 lower-case letters and digits, starting with a letter (part of every Azure name). */
export const PROJECT_NAME = /^[a-z][a-z0-9]{1,11}$/;
/** Tags the library sets on every resource; Azure tag names are case-insensitive, so are these. */
export const LIBRARY_TAGS: readonly string[] = ["project", "environment", "tier", "owners", "managed-by"];
/** Azure's limit on a tag value. */
const MAX_TAG_VALUE = 256;
const ZONES = ["1", "2", "3"];

/** The semantic problems of one environment whose shape is valid (see `EnvironmentSpecSchema`). */
export function environmentProblems(project: string, env: EnvironmentSpec): string[] {
  const at = `environments/${env.name}`;
  const problems: string[] = [];
  if (!ENVIRONMENT_NAME.test(env.name)) {
    problems.push(`${at}: name "${env.name}" is not valid; use 2-12 lower-case letters and digits, starting with a letter`);
  } else if (PROJECT_NAME.test(project)) {
    problems.push(...new AzureNames(project, env.name).problems().map((p) => `${at}: ${p}; shorten the project or environment name`));
  }
  if (!isAzureRegion(env.location)) problems.push(locationProblem(at, env.location));
  if (env.subscriptionId !== undefined && !isGuid(env.subscriptionId)) {
    problems.push(`${at}: subscriptionId "${env.subscriptionId}" is not a subscription id; use the subscription's guid`);
  }
  problems.push(...addressSpaceProblems(at, env.addressSpace));
  problems.push(...clusterProblems(at, env.tier, env.cluster));
  problems.push(...gitRepositoryProblems(at, env.gitops));
  problems.push(...ownerAndTagProblems(at, env));
  problems.push(...zoneProblems(at, env));
  const retention = env.logRetentionDays;
  if (retention !== undefined && !isIntegerIn(retention, 30, 730)) {
    problems.push(`${at}: logRetentionDays ${retention} is out of range; use a whole number of days from 30 to 730`);
  }
  problems.push(...monitoringProblems(at, env.tier, env.monitoring));
  problems.push(...cidrListProblems(at, "keyVaultAllowedIpRanges", env.keyVaultAllowedIpRanges ?? []).problems);
  return problems;
}

/** The problem of an Azure region name. */
export function locationProblem(at: string, location: string): string {
  return `${at}: location "${location}" is not an azure region name; use the programmatic name, such as "westeurope" (see az account list-locations)`;
}

function addressSpaceProblems(at: string, addressSpace: string): string[] {
  const address = parseCidr(addressSpace);
  if (!address) return [`${at}: addressSpace "${addressSpace}" is not an ipv4 cidr block; use a network address such as 10.10.0.0/16`];
  if (formatCidr(address) !== addressSpace) return [`${at}: addressSpace "${addressSpace}" is not written canonically; write it as "${formatCidr(address)}"`];
  if (address.prefix < 8 || address.prefix > 24) return [`${at}: addressSpace "${addressSpace}" has prefix /${address.prefix}; use a prefix from /8 to /24`];
  const problems: string[] = [];
  for (const [label, reserved] of [["pod cidr", POD_CIDR], ["service cidr", SERVICE_CIDR]]) {
    if (cidrsOverlap(address, parseCidr(reserved) as Ipv4Cidr)) {
      problems.push(`${at}: addressSpace "${addressSpace}" overlaps the aks ${label} ${reserved}; choose a range outside it, such as 10.x.0.0/16`);
    }
  }
  return problems;
}

function zoneProblems(at: string, env: EnvironmentSpec): string[] {
  const problems: string[] = [];
  const zones = env.zones ?? tierDefaults(env.tier).zones;
  for (const zone of zones) {
    if (!ZONES.includes(zone)) problems.push(`${at}: zones contains "${zone}"; use "1", "2" or "3"`);
  }
  if (new Set(zones).size !== zones.length) problems.push(`${at}: zones [${zones.join(", ")}] has duplicates; list each zone once`);
  if (env.tier === "prod" && new Set(zones).size < 2) {
    problems.push(`${at}: prod environment has ${new Set(zones).size} availability zone(s); prod must be zone redundant, set zones to ["1", "2", "3"]`);
  }
  return problems;
}

function ownerAndTagProblems(at: string, env: EnvironmentSpec): string[] {
  const problems: string[] = [];
  if (env.owners.length === 0) problems.push(`${at}: owners is empty; name at least one owner e-mail address`);
  for (const owner of env.owners) {
    if (!EMAIL.test(owner)) problems.push(`${at}: owner "${owner}" is not an e-mail address; use an address such as platform@contoso.com`);
  }
  const ownersTag = env.owners.join(" ");
  if (ownersTag.length > MAX_TAG_VALUE) {
    problems.push(`${at}: owners make an owners tag of ${ownersTag.length} characters; azure allows ${MAX_TAG_VALUE}, name fewer owners (a team address)`);
  }
  for (const [key, value] of Object.entries(env.tags ?? {})) {
    if (LIBRARY_TAGS.includes(key.toLowerCase())) problems.push(`${at}: tag "${key}" is set by the library (azure tag names ignore case); remove it from tags`);
    if (key.length === 0 || key.length > 512 || /[<>%&\\?/]/.test(key)) {
      problems.push(`${at}: tag name "${key}" is not valid; azure allows 1-512 characters without < > % & \\ ? /`);
    }
    if (value.length > MAX_TAG_VALUE) problems.push(`${at}: tag "${key}" value is ${value.length} characters long; azure allows ${MAX_TAG_VALUE}, shorten it`);
  }
  const lower = Object.keys(env.tags ?? {}).map((key) => key.toLowerCase());
  for (const key of new Set(lower.filter((k, i) => lower.indexOf(k) !== i))) {
    problems.push(`${at}: tags has "${key}" more than once in different case; azure tag names ignore case, keep one`);
  }
  return problems;
}
