import { z } from "zod";
import { isGuid } from "../core/azure-formats";
import { formatProblem } from "../core/validation-error";
import { schemaProblems } from "../core/schema";
import { secretValueProblems } from "../core/secret-detection";
import { ValidationError } from "../core/validation-error";
import { azureNameProblem } from "./azure-names";
import { cidrsOverlap, parseCidr } from "./cidr";
import { isAzureRegion } from "./azure-regions";
import { DEFAULT_STATE_CONTAINER, EnvironmentSpec, EnvironmentSpecSchema, PlatformSpec, PlatformSpecSchema, RemoteStateSpec } from "./environment-spec";
import { deliveryProblems } from "./delivery-spec";
import { feedbackProblems } from "./feedback-spec";
import { governanceProblems } from "./validate-governance";
import { crossEnvironmentProblems } from "./validate-cross-environment";
import { environmentProblems, locationProblem, PROJECT_NAME } from "./validate-environment";

const BLOB_CONTAINER_NAME = /^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/;

/** The platform's own fields; each environment is checked on its own so its problems carry its name. */
const PLATFORM_FIELDS = PlatformSpecSchema.extend({ environments: z.array(z.unknown()) });

/**
 * @deprecated every validation throws `ValidationError`; this name remains for callers that catch it.
 */
export const PlatformValidationError = ValidationError;
/** @deprecated use `ValidationError`. */
export type PlatformValidationError = ValidationError;

/**
 * Checks a platform spec (any value: plain JavaScript callers included) and returns every problem as a
 * message naming the place, the bad value and the fix. Shapes first (unknown keys with a "did you mean",
 * wrong types, missing fields); the semantic rules then run on each part whose shape is right, so one run
 * reports everything it can. An empty list means the spec is valid.
 */
export function validatePlatform(spec: unknown): string[] {
  const problems = schemaProblems(PLATFORM_FIELDS, spec, "platform").map(formatProblem);
  if (!isRecord(spec)) return problems;
  if (typeof spec.project === "string" && !PROJECT_NAME.test(spec.project)) {
    problems.push(`platform: project "${spec.project}" is not valid; use 2-12 lower-case letters and digits, starting with a letter`);
  }
  if (isRecord(spec.remoteState) && schemaProblems(PlatformSpecSchema.shape.remoteState, spec.remoteState, "").length === 0) {
    problems.push(...remoteStateProblems(spec.remoteState as RemoteStateSpec));
  }
  if (!Array.isArray(spec.environments)) return problems;
  if (spec.environments.length === 0) problems.push("platform: environments is empty; declare at least one environment");
  const project = typeof spec.project === "string" ? spec.project : "";
  const valid: EnvironmentSpec[] = [];
  spec.environments.forEach((env: unknown, index: number) => {
    const shape = schemaProblems(EnvironmentSpecSchema, env, environmentPath(env, index)).map(formatProblem);
    problems.push(...shape);
    if (shape.length > 0) return;
    valid.push(env as EnvironmentSpec);
    problems.push(...environmentProblems(project, env as EnvironmentSpec));
    // The gitops url has its own credential rule (gitUrlProblems); every other string is scanned here.
    problems.push(...secretValueProblems(`environments/${(env as EnvironmentSpec).name}`, env, (path) => path.join(".") === "gitops.url"));
  });
  if (valid.length === spec.environments.length) problems.push(...crossEnvironmentProblems(valid));
  // The delivery and governance rules span the whole spec: they run once every shape is right.
  if (problems.length === 0 || (valid.length === spec.environments.length && schemaProblems(PLATFORM_FIELDS, spec, "").length === 0)) {
    const whole = spec as unknown as PlatformSpec;
    problems.push(...deliveryProblems(whole), ...governanceProblems(whole), ...feedbackProblems(whole));
    if (whole.remoteState) problems.push(...stateFirewallProblems(whole));
  }
  return problems;
}

/** Throws a `ValidationError` listing every problem, if there is any. */
export function assertValidPlatform(spec: unknown): asserts spec is PlatformSpec {
  const problems = validatePlatform(spec);
  if (problems.length > 0) throw new ValidationError("platform spec", problems);
}

/** `environments/<name>` when the environment has a name to show, else `platform.environments[<index>]`. */
export function environmentPath(env: unknown, index: number): string {
  const name = isRecord(env) ? env.name : undefined;
  return typeof name === "string" && /^[-a-zA-Z0-9_.]{1,40}$/.test(name) ? `environments/${name}` : `platform.environments[${index}]`;
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
    if (!cidr) problems.push(`${at} contains "${range}", which is not an ipv4 address or cidr block; use an address such as "203.0.113.10" or a block such as "203.0.113.0/24"`);
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
  const container = state.containerName ?? DEFAULT_STATE_CONTAINER;
  if (!BLOB_CONTAINER_NAME.test(container)) {
    problems.push(`${at}.containerName "${container}" is not valid; use 3-63 lower-case letters, digits and single hyphens`);
  }
  if (!isAzureRegion(state.location)) problems.push(locationProblem(at, state.location));
  if (state.subscriptionId !== undefined && !isGuid(state.subscriptionId)) {
    problems.push(`${at}.subscriptionId "${state.subscriptionId}" is not a subscription id; use the subscription's guid`);
  }
  return problems;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
