import { resolveDelivery, ResolvedDelivery } from "./delivery-spec";
import { Environment, resolveEnvironment } from "./environment";
import { DEFAULT_STATE_CONTAINER, PlatformSpec, RemoteStateSpec } from "./environment-spec";
import { resolveFeedback, ResolvedFeedback } from "./feedback-spec";
import { resolveGovernance, ResolvedGovernance } from "./governance-spec";
import { assertValidPlatform } from "./validate-platform";

/** Remote state settings with defaults applied. */
export interface ResolvedRemoteState extends RemoteStateSpec {
  readonly containerName: string;
  /**
   * Set by `resolvePlatform`: sorted, unique, a /32 as a plain address (what the storage firewall accepts).
   * @default - none: the firewall then admits trusted Azure services only
   */
  readonly allowedIpRanges?: readonly string[];
}

/** A validated platform: what the stacks are built from. */
export interface Platform {
  readonly project: string;
  /** The environments in declaration order, with defaults applied. */
  readonly environments: readonly Environment[];
  readonly remoteState?: ResolvedRemoteState;
  /** Review rules, with defaults applied (when the spec has them). */
  readonly governance?: ResolvedGovernance;
  /** Delivery settings with defaults applied, when the platform has them. */
  readonly delivery?: ResolvedDelivery;
  /** Release feedback settings with defaults applied, when the platform has them. */
  readonly feedback?: ResolvedFeedback;
}

/**
 * Validates a platform spec (throwing a `ValidationError` that lists every problem) and applies
 * the tier defaults. Call it before creating any stack, so that nothing is synthesized from a bad spec.
 */
export function resolvePlatform(spec: PlatformSpec): Platform {
  assertValidPlatform(spec);
  return {
    project: spec.project,
    environments: spec.environments.map((env) => resolveEnvironment(spec.project, env)),
    remoteState: spec.remoteState && {
      containerName: DEFAULT_STATE_CONTAINER,
      ...spec.remoteState,
      allowedIpRanges: stateFirewallRanges(spec.remoteState.allowedIpRanges ?? remoteStateDefaultRanges(spec)),
    },
    governance: spec.governance && resolveGovernance(spec.governance),
    delivery: spec.delivery && resolveDelivery(spec.delivery, spec.environments),
    feedback: spec.feedback && spec.delivery && resolveFeedback(spec.feedback, spec.delivery),
  };
}

/** The default of remoteState.allowedIpRanges: every environment's API server authorized ranges. */
export function remoteStateDefaultRanges(spec: PlatformSpec): string[] {
  return spec.environments.flatMap((env) => env.cluster.apiServerAuthorizedIpRanges ?? []);
}

/** Ranges as the storage firewall takes them: unique, sorted, a /32 as a plain address. */
function stateFirewallRanges(ranges: readonly string[]): string[] {
  return [...new Set(ranges.map((range) => range.replace(/\/32$/, "")))].sort();
}
