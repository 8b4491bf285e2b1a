import { AppSpec } from "../../lib/apps/app-spec";

/** A 64-hex-digit digest derived from a seed. */
export function digest(seed: string): string {
  let hex = "";
  for (let i = 0; hex.length < 64; i++) hex += ((seed.charCodeAt(i % seed.length) * 31 + i * 7) % 256).toString(16).padStart(2, "0");
  return `sha256:${hex.slice(0, 64)}`;
}

/** A pinned image reference of an app. */
export function pinned(app: string, tag = "1.0.0", seed = app): string {
  return `acrcontosodev.azurecr.io/${app}:${tag}@${digest(seed)}`;
}

/** A valid app spec; override any field. */
export function appSpec(overrides: Partial<AppSpec> = {}): AppSpec {
  return { name: "web", port: 8080, ...overrides };
}
