import { PlatformSpec } from "../environment/environment-spec";
import { Platform } from "../environment/resolve-platform";
import { PULL_REQUEST_CHECKS } from "./github/pull-request-workflow";

/**
 * The exact check names of the generated pull-request workflow's jobs that must pass before a merge (stable:
 * no matrix names; one aggregating job stands for every plan). Governance makes them required status checks.
 */
export function pullRequestCheckNames(platform: Platform | PlatformSpec): string[] {
  if (!platform.delivery) return [];
  return [PULL_REQUEST_CHECKS.test, PULL_REQUEST_CHECKS.plan];
}
