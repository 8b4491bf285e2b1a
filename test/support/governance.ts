import { App } from "cdktf";
import { PlatformSpec } from "../../lib/environment/environment-spec";
import { platformSpec } from "./fixtures";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { resolveGovernance, GovernanceSpec } from "../../lib/environment/governance-spec";
import { GovernanceStack, GovernanceStackProps, GovernedEnvironment } from "../../stacks/governance-stack";

/** The check names a test uses until the pull-request pipeline's names are wired in. */
export const FIXED_CHECKS = ["pull-request / test", "pull-request / plan"];

/** Three governed environments; prod approved by `contoso/prod-approvers`. */
export function governedEnvironments(overrides: Partial<Record<string, Partial<GovernedEnvironment>>> = {}): GovernedEnvironment[] {
  return ["dev", "staging", "prod"].map((name) => ({
    name,
    approvers: name === "prod" ? ["contoso/prod-approvers"] : [],
    tenantId: "72f988bf-86f1-41af-91ab-2d7cd011db47",
    subscriptionId: `00000000-0000-0000-0000-00000000000${name.length}`,
    identities: { plan: { clientId: `${name}-plan-client-id` }, apply: { clientId: `${name}-apply-client-id` } },
    ...overrides[name],
  }));
}

/** Props of a public-repository GitHub setup with a GitHub App as release identity; override any field. */
export function governanceProps(overrides: Partial<GovernanceStackProps> = {}, spec: Partial<GovernanceSpec> = {}): GovernanceStackProps {
  return {
    governance: resolveGovernance({ platformTeam: "contoso/platform", plan: "enterprise", ...spec }),
    infraRepository: { owner: "contoso", name: "platform-infra" },
    gitopsRepository: { owner: "contoso", name: "platform-gitops" },
    releaseIdentity: { kind: "github-app", appId: 123456 },
    requiredChecks: FIXED_CHECKS,
    environments: governedEnvironments(),
    ...overrides,
  };
}

/** A temporary folder, removed by the OS eventually; tests remove theirs. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Synthesizes a governance stack into a fresh outdir; returns the outdir and the stack's Terraform JSON. */
export function synthGovernance(props: GovernanceStackProps): { outdir: string; json: any; stack: GovernanceStack } {
  const outdir = tempDir("governance-synth-");
  const app = new App({ outdir });
  const stack = new GovernanceStack(app, props);
  app.synth();
  const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/governance/cdk.tf.json"), "utf8"));
  return { outdir, json, stack };
}

/** A valid platform with GitHub delivery settings (prod approved by `contoso/prod-approvers`); override any field. */
export function deliveredPlatformSpec(overrides: Partial<PlatformSpec> = {}): PlatformSpec {
  const base = platformSpec();
  return {
    ...base,
    environments: base.environments.map((env) => ({
      ...env,
      delivery: {
        tenantId: "3b8e6f2a-9c4d-4e1f-a7b5-6d2c8e0f1a93",
        subscriptionId: { dev: "5d1c7a3e-2b6f-4c8d-9e0a-1f3b5d7c9e21", staging: "9a4e2c6b-7d1f-4e3a-8b5c-0d2f4a6c8e43" }[env.name] ?? "c7f3a1d5-4e9b-4a2c-b6d8-2e4a6c8f0b65",
        approvers: env.name === "prod" ? ["contoso/prod-approvers"] : undefined,
      },
    })),
    remoteState: { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope" },
    delivery: {
      ci: "github",
      infraRepository: { owner: "contoso", name: "platform-infra" },
      gitopsRepository: { owner: "contoso", name: "platform-gitops" },
      gitopsPushCredential: { kind: "github-app", appId: 1234567, privateKeySecret: "GITOPS_APP_PRIVATE_KEY" },
    },
    ...overrides,
  };
}
