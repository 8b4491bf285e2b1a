import { EnvironmentSpec, PlatformSpec } from "../../lib";

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
