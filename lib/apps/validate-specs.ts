import { ValidationError } from "../core/validation-error";
import { validatePlatform } from "../environment/validate-platform";
import { validateApps } from "./validate-apps";

/**
 * Every problem of a platform spec, its apps and their pins, in one list: platform problems first, then
 * apps and pins, checked against the names of the environments declared (even when other parts of the
 * platform are wrong), so one run reports everything.
 */
export function specProblems(platform: unknown, apps: unknown = [], pins: unknown = {}): string[] {
  return [...validatePlatform(platform), ...validateApps(apps, pins, declaredEnvironmentNames(platform))];
}

/** Throws one `ValidationError` ("invalid platform spec") listing every problem of the platform, apps and pins. */
export function assertValidSpecs(platform: unknown, apps: unknown = [], pins: unknown = {}): void {
  const problems = specProblems(platform, apps, pins);
  if (problems.length > 0) throw new ValidationError("platform spec", problems);
}

function declaredEnvironmentNames(platform: unknown): string[] {
  const environments = platform !== null && typeof platform === "object" ? (platform as { environments?: unknown }).environments : undefined;
  if (!Array.isArray(environments)) return [];
  return environments
    .map((env: unknown) => (env !== null && typeof env === "object" ? (env as { name?: unknown }).name : undefined))
    .filter((name): name is string => typeof name === "string");
}
