import { AppSpec, EnvironmentSpec, PlatformSpec } from "../../lib";

export const ADMIN_GROUP = "8f3d2c71-5b4a-4e8e-9c1d-2a7b6e5f4d30";

/** A valid environment spec of the given tier; override any field. */
export function environmentSpec(overrides: Partial<EnvironmentSpec> & { name: string }, tier: EnvironmentSpec["tier"] = "dev"): EnvironmentSpec {
  return {
    location: "westeurope",
    tier,
    addressSpace: "10.10.0.0/16",
    cluster: { kubernetesVersion: "1.33", adminGroupObjectIds: [ADMIN_GROUP], apiServerAuthorizedIpRanges: ["203.0.113.0/24"] },
    gitops: { url: "https://github.com/contoso/platform-gitops.git" },
    owners: ["team@contoso.com"],
    monitoring: tier === "prod" ? { emailReceivers: ["oncall@contoso.com"] } : undefined,
    ...overrides,
  };
}

/** A valid three-environment platform (dev → staging → prod), local state. */
export function platformSpec(overrides: Partial<PlatformSpec> = {}): PlatformSpec {
  return {
    project: "contoso",
    environments: [
      environmentSpec({ name: "dev", addressSpace: "10.10.0.0/16" }, "dev"),
      environmentSpec({ name: "staging", addressSpace: "10.20.0.0/16", promotesFrom: "dev" }, "staging"),
      environmentSpec({ name: "prod", addressSpace: "10.30.0.0/16", promotesFrom: "staging" }, "prod"),
    ],
    ...overrides,
  };
}

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
