import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AppPins, AppSpec, DeliverySpec, EnvironmentDeliverySpec, PlatformSpec } from "../../lib";
import { buildPlatform, PlatformStacks } from "../../stacks/build-platform";
import { platformSpec } from "./fixtures";

export const TENANT = "3b8e6f2a-9c4d-4e1f-a7b5-6d2c8e0f1a93";
export const SUBSCRIPTIONS: Record<string, string> = {
  dev: "5d1c7a3e-2b6f-4c8d-9e0a-1f3b5d7c9e21",
  staging: "9a4e2c6b-7d1f-4e3a-8b5c-0d2f4a6c8e43",
  prod: "c7f3a1d5-4e9b-4a2c-b6d8-2e4a6c8f0b65",
};

/** Delivery settings for GitHub with a GitHub App. */
export function githubDelivery(overrides: Partial<DeliverySpec> = {}): DeliverySpec {
  return {
    ci: "github",
    infraRepository: { owner: "contoso", name: "platform-infra" },
    gitopsRepository: { owner: "contoso", name: "platform-gitops" },
    gitopsPushCredential: { kind: "github-app", appId: 1234567, privateKeySecret: "GITOPS_APP_PRIVATE_KEY" },
    ...overrides,
  };
}

/** The fixture platform (dev → staging → prod) with remote state and delivery settings on every environment. */
export function deliveryPlatform(delivery: DeliverySpec = githubDelivery(), perEnvironment: (name: string) => Partial<EnvironmentDeliverySpec> = () => ({})): PlatformSpec {
  const spec = platformSpec();
  return {
    ...spec,
    remoteState: { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope" },
    delivery,
    environments: spec.environments.map((env) => ({
      ...env,
      delivery: { tenantId: TENANT, subscriptionId: SUBSCRIPTIONS[env.name], approvers: env.tier === "dev" ? undefined : ["contoso/platform-team"], ...perEnvironment(env.name) },
    })),
  };
}

/** Two apps with pins in every environment of the fixture platform. */
export function fixtureApps(count = 2): { apps: AppSpec[]; pins: AppPins } {
  const apps: AppSpec[] = Array.from({ length: count }, (_, i) => ({ name: `app${i}`, image: `acrcontoso.azurecr.io/app${i}`, port: 8080, resources: { cpu: "100m", memory: "128Mi" } }));
  const pins: Record<string, Record<string, string>> = {};
  for (const env of ["dev", "staging", "prod"]) pins[env] = Object.fromEntries(apps.map((a, i) => [a.name, `acrcontoso.azurecr.io/${a.name}:1.0@sha256:${String(i).repeat(64).slice(0, 64)}`]));
  return { apps, pins };
}

/** Synthesizes a platform into a fresh temporary folder and returns it with the stacks. */
export function synthPlatform(spec: PlatformSpec, apps: readonly AppSpec[] = [], pins: AppPins = {}): { outdir: string; stacks: PlatformStacks } {
  const outdir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "delivery-synth-")));
  const app = new App({ outdir });
  const stacks = buildPlatform(app, spec, { apps, pins });
  app.synth();
  return { outdir, stacks };
}

/** Every file below a folder (relative path → text). */
export function readTree(root: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[path.relative(root, full)] = fs.readFileSync(full, "utf8");
    }
  };
  if (fs.existsSync(root)) walk(root);
  return files;
}
