// The files of a scaffolded infra repository, as text. Every user value is written as a JSON literal (valid
// TypeScript with every character escaped), never spliced into code.
import { SCAFFOLD_JEST_CONFIG, SCAFFOLD_README, SCAFFOLD_TEST, SCAFFOLD_TSCONFIG } from "./init-static";
import { GITHUB_PROVIDER, LIBRARY_NAME, LibraryPackage, SCAFFOLD_DEPENDENCIES, SCAFFOLD_DEV_DEPENDENCIES, testedVersion } from "./package-versions";
import { SAMPLE_APP, SCAFFOLD_KUBERNETES_VERSION, ScaffoldSpec } from "./init-spec";

/** Options of `scaffoldFiles`. */
export interface ScaffoldFileOptions {
  /** This package's package.json (versions are copied from it). */
  readonly library: LibraryPackage;
  /** The npm spec of the library in the scaffold's package.json. @default - the library's exact version */
  readonly librarySpec?: string;
}

const lit = (value: unknown): string => JSON.stringify(value);

/** Path (relative, '/'-separated) → content of every file of a scaffold. */
export function scaffoldFiles(spec: ScaffoldSpec, options: ScaffoldFileOptions): Record<string, string> {
  return {
    ".gitignore": GITIGNORE,
    "README.md": SCAFFOLD_README(spec),
    "cdktf.json": `${JSON.stringify(cdktfJson(spec), null, 2)}\n`,
    "environments/apps.ts": appsSource(),
    "environments/dev.ts": devSource(spec),
    "environments/index.ts": indexSource(spec),
    "environments/pins/dev.json": `${JSON.stringify({ [SAMPLE_APP.name]: SAMPLE_APP.image }, null, 2)}\n`,
    "environments/shared.ts": sharedSource(spec),
    "jest.config.js": SCAFFOLD_JEST_CONFIG,
    "main.ts": MAIN,
    "package.json": `${JSON.stringify(packageJson(spec, options), null, 2)}\n`,
    "test/platform.test.ts": SCAFFOLD_TEST,
    "tsconfig.json": SCAFFOLD_TSCONFIG,
  };
}

/** Never committed: installs, synth output, the local GitOps repository, Terraform state and plans (they can hold secrets). */
export const GITIGNORE = [
  "node_modules/",
  "cdktf.out/",
  ".gitops/",
  "coverage/",
  "*.tsbuildinfo",
  ".terraform/",
  "*.tfstate",
  "*.tfstate.*",
  "*.tfplan",
  "",
].join("\n");

function cdktfJson(spec: ScaffoldSpec): object {
  return {
    language: "typescript",
    app: `node -r ${LIBRARY_NAME}/register.js main.ts`,
    projectId: `${spec.project}-infra`,
    sendCrashReports: "false",
    terraformProviders: [],
    terraformModules: [],
    context: {},
  };
}

function packageJson(spec: ScaffoldSpec, options: ScaffoldFileOptions): object {
  const { library } = options;
  const pick = (names: readonly string[]): Record<string, string> => Object.fromEntries(names.map((name) => [name, testedVersion(library, name)]));
  // The GitOps repository is on GitHub whichever CI runs: the governance stack and the deploy keys use the GitHub provider.
  const runtime = [...SCAFFOLD_DEPENDENCIES, ...(spec.delivery ? [GITHUB_PROVIDER] : [])];
  // Sorted as npm writes them, so the first `npm install` does not reorder the file.
  const sorted = (record: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    name: `${spec.project}-infra`,
    version: "0.0.0",
    private: true,
    description: `Infrastructure of ${spec.project}: environments, apps and their pinned versions, released with ${LIBRARY_NAME}.`,
    scripts: {
      test: "tsc --noEmit && jest",
      "test:update": "jest -u",
      synth: "CHECKPOINT_DISABLE=1 cdktf synth",
      diff: `${LIBRARY_NAME} diff`,
      release: `${LIBRARY_NAME} publish`,
    },
    engines: library.engines ?? { node: ">=20.9" },
    dependencies: sorted({ [LIBRARY_NAME]: options.librarySpec ?? library.version, ...pick(runtime) }),
    devDependencies: sorted(pick(SCAFFOLD_DEV_DEPENDENCIES)),
  };
}

const MAIN = `import { App } from "cdktf";
import { buildPlatform } from "${LIBRARY_NAME}";
import { apps, pins, platform } from "./environments";

// Every stack of every environment: \`npx cdktf synth\` writes cdktf.out/, \`npx ${LIBRARY_NAME} publish\` releases it.
const app = new App();
buildPlatform(app, platform, { apps, pins });
app.synth();
`;

function sharedSource(spec: ScaffoldSpec): string {
  const todo = (name: string, why: string): string => (spec.samples.includes(name) ? `// SAMPLE VALUE: ${why}\n` : "");
  return `/** Values the environments share. Replace the sample values with your organisation's before the first apply. */

/** Azure AD group (object id) whose members administer the clusters (local accounts are disabled). */
${todo("ADMIN_GROUP", "no group has this id; set your platform team's group (az ad group show -g <name> --query id)")}export const ADMIN_GROUP = ${lit(spec.adminGroup)};

/** Networks (CIDR) allowed to reach the AKS API servers: your CI runners' and operators' egress ranges. */
${todo("API_SERVER_RANGES", "a documentation range that routes nowhere; set your own egress ranges")}export const API_SERVER_RANGES: string[] = ${lit(spec.apiServerRanges)};

/** Owners of the environments (e-mail addresses): tagged on every resource. */
${todo("OWNERS", "set your team's address")}export const OWNERS: string[] = ${lit(spec.owners)};

/** The GitOps repository Flux syncs the clusters from (\`${LIBRARY_NAME} publish --repo\` pushes to it). */
${todo("GITOPS_URL", "set the URL of your GitOps repository")}export const GITOPS_URL = ${lit(spec.gitopsUrl)};
`;
}

function devSource(spec: ScaffoldSpec): string {
  return `import { EnvironmentSpec } from "${LIBRARY_NAME}";
import { ADMIN_GROUP, API_SERVER_RANGES, GITOPS_URL, OWNERS } from "./shared";

/** Development: one small node per pool, no zones, Free AKS tier, alerts do not page (the "dev" tier defaults). */
export const dev: EnvironmentSpec = {
  name: "dev",
  location: ${lit(spec.region)},
  tier: "dev",
  addressSpace: "10.10.0.0/16",
  cluster: {
    kubernetesVersion: ${lit(SCAFFOLD_KUBERNETES_VERSION)},
    adminGroupObjectIds: [ADMIN_GROUP],
    apiServerAuthorizedIpRanges: API_SERVER_RANGES,
  },
  sync: "flux",
  gitops: { url: GITOPS_URL, branch: "main" },
  owners: OWNERS,${spec.environmentDelivery ? `
  // The pipeline deploys dev with its own identities in this tenant and subscription (one subscription per environment).
  delivery: { tenantId: ${lit(spec.environmentDelivery.tenantId)}, subscriptionId: ${lit(spec.environmentDelivery.subscriptionId)} },` : ""}
};
`;
}

function indexSource(spec: ScaffoldSpec): string {
  return `import * as path from "path";
import { AppPins, PlatformSpec, readPinFiles } from "${LIBRARY_NAME}";
import { dev } from "./dev";

export { apps } from "./apps";

/** The platform: one environment to start with (docs/growing.md of cdktf-gitops adds staging and prod). */
export const platform: PlatformSpec = {
  project: ${lit(spec.project)},
  environments: [dev],${deliverySource(spec)}
};

/**
 * The pinned images of each environment, from \`environments/pins/<env>.json\` (rewritten by
 * \`${LIBRARY_NAME} promote\`). An app is deployed to every environment that pins it.
 */
export const pins: AppPins = readPinFiles(path.join(__dirname, "pins"));
`;
}

function appsSource(): string {
  return `import { AppSpec } from "${LIBRARY_NAME}";

/**
 * A sample app: nginx built to run as a non-root user, on port 8080. Its image is pinned by digest in
 * environments/pins/dev.json; replace it with your own app (and its pin) when you have one.
 */
export const hello: AppSpec = {
  name: ${lit(SAMPLE_APP.name)},
  port: ${SAMPLE_APP.port},
  runAsUser: ${SAMPLE_APP.runAsUser},
  replicas: 1,
  probes: { readiness: { path: "/" }, liveness: { path: "/" } },
};

/** The apps. */
export const apps: readonly AppSpec[] = [hello];
`;
}

/** The remote state and delivery settings of a scaffold with a CI flag, as lines of the platform literal. */
function deliverySource(spec: ScaffoldSpec): string {
  if (!spec.delivery || !spec.remoteState) return "";
  const pretty = (value: unknown): string => JSON.stringify(value, null, 2).replace(/\n/g, "\n  ").replace(/"([A-Za-z][A-Za-z0-9]*)":/g, "$1:");
  return `
  // Terraform state in Azure: the \`state\` stack creates it (applied once by a person, first); the storage account name must be globally unique.
  remoteState: ${pretty(spec.remoteState)},
  // The generated pipelines: the CI system, the infra repository, the GitOps repository they publish to, and the
  // name of the CI secret holding the GitOps repository's deploy key (write access).
  delivery: ${pretty(spec.delivery)},${
    spec.governance
      ? `
  // Review rules of the infra and GitOps repositories: rulesets, environments, CODEOWNERS (the governance stack).
  governance: ${pretty(spec.governance)},`
      : ""
  }`;
}
