import { App, TerraformStack } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { buildPlatform } from "../../stacks/build-platform";
import { init, nextSteps } from "../../lib/cli/init";
import { gitopsCloneUrl, scaffoldDelivery } from "../../lib/cli/init-ci";
import { SAMPLE_APP, scaffoldApp, scaffoldPlatform } from "../../lib/cli/init-spec";
import { syncPipelines } from "../../lib/release/pipeline-sync";
import { libraryPackage, SCAFFOLD_DEPENDENCIES, SCAFFOLD_DEV_DEPENDENCIES } from "../../lib/cli/package-versions";
import { cli, testEnv, tmpDir } from "../release/support";

const ROOT = path.join(__dirname, "..", "..");
const own = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const read = (dir: string, file: string): string => fs.readFileSync(path.join(dir, file), "utf8");

/** Files under `dir` (relative, sorted), without .git. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (at: string): void => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      if (entry.name === ".git" || entry.name === "node_modules") continue;
      const file = path.join(at, entry.name);
      if (entry.isDirectory()) walk(file);
      else out.push(path.relative(dir, file).split(path.sep).join("/"));
    }
  };
  walk(dir);
  return out.sort();
}

describe("cdktf-gitops init", () => {
  const env = testEnv();

  test("scaffolds a repository with exact versions from this package's package.json", () => {
    const folder = path.join(tmpDir("init-"), "acme-infra");
    const result = init({ folder, env });
    expect(result.spec.project).toBe("acmeinfra");
    expect(result.gitInitialized).toBe(true);
    expect(fs.existsSync(path.join(folder, ".git"))).toBe(true);
    expect(filesUnder(folder)).toEqual(result.files);
    expect(result.files).toEqual(
      expect.arrayContaining([".gitignore", "README.md", "cdktf.json", "environments/dev.ts", "environments/pins/dev.json", "jest.config.js", "main.ts", "package.json", "test/platform.test.ts", "tsconfig.json"]),
    );
    const pkg = JSON.parse(read(folder, "package.json"));
    expect(pkg.dependencies["cdktf-gitops"]).toBe(own.version);
    for (const name of SCAFFOLD_DEPENDENCIES) expect(pkg.dependencies[name]).toBe(own.devDependencies[name]);
    for (const name of SCAFFOLD_DEV_DEPENDENCIES) expect(pkg.devDependencies[name]).toBe(own.devDependencies[name] ?? own.dependencies[name]);
    expect(pkg.devDependencies.typescript).toMatch(/^5\.9\.\d+$/);
    expect(Object.values({ ...pkg.dependencies, ...pkg.devDependencies }).every((v) => /^\d+\.\d+\.\d+$/.test(v as string))).toBe(true);
    expect(JSON.parse(read(folder, "cdktf.json")).app).toBe("node -r cdktf-gitops/register.js main.ts");
    expect(own.files).toContain("register.js");
    expect(read(folder, ".gitignore").split("\n")).toEqual(expect.arrayContaining(["node_modules/", "cdktf.out/", ".gitops/", "*.tfstate"]));
    expect(JSON.parse(read(folder, "environments/pins/dev.json"))).toEqual({ hello: SAMPLE_APP.image });
    expect(read(folder, "environments/shared.ts")).toContain("SAMPLE VALUE");
  });

  test("the scaffold's environments are the platform init validated, and it synthesizes every dev stack", () => {
    const folder = tmpDir("init-synth-");
    const result = init({ folder, project: "acme", region: "northeurope", git: false, env });
    // The scaffold resolves cdktf and constructs from this repository's installation (jest maps cdktf-gitops to lib/).
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(folder, "node_modules"), "dir");
    const scaffold = require(path.join(folder, "environments"));
    expect(scaffold.platform).toEqual(scaffoldPlatform(result.spec));
    expect(scaffold.apps).toEqual([scaffoldApp()]);
    expect(scaffold.pins).toEqual({ dev: { hello: SAMPLE_APP.image } });
    const app = new App({ outdir: tmpDir("init-out-") });
    buildPlatform(app, scaffold.platform, { apps: scaffold.apps, pins: scaffold.pins });
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack).map((s) => s.node.id);
    expect(stacks.sort()).toEqual(["dev-app-hello", "dev-gitops", "dev-monitoring", "dev-platform"]);
    expect(scaffold.platform.environments[0].location).toBe("northeurope");
  });

  test("refuses a folder that is not empty (a .git folder alone is empty), and --force writes over the scaffold's files only", () => {
    const folder = tmpDir("init-full-");
    fs.mkdirSync(path.join(folder, ".git"));
    expect(init({ folder, project: "acme", env }).files.length).toBeGreaterThan(0);
    expect(() => init({ folder, project: "acme", env })).toThrow(/is not empty \(\.gitignore, README\.md, cdktf\.json, environments, jest\.config\.js, \.\.\.\); .*--force/);
    fs.writeFileSync(path.join(folder, "main.ts"), "// mine\n");
    fs.writeFileSync(path.join(folder, "notes.txt"), "keep\n");
    init({ folder, project: "acme", force: true, env });
    expect(read(folder, "main.ts")).toContain("buildPlatform");
    expect(read(folder, "notes.txt")).toBe("keep\n");
    expect(fs.readdirSync(path.dirname(folder)).filter((e) => e.includes(".init-"))).toEqual([]);
  });

  test("bad options fail before anything is written, with every problem of the library's validation", () => {
    const parent = tmpDir("init-bad-");
    const folder = path.join(parent, "infra");
    expect(() => init({ folder, project: "Acme_Corp", region: "West Europe", env })).toThrow(/project "Acme_Corp" is not valid[\s\S]*location "West Europe" is not an azure region name/);
    expect(() => init({ folder, adminGroup: "platform-admins", env })).toThrow(/adminGroupObjectIds contains "platform-admins", which is not an object id/);
    expect(() => init({ folder: path.join(parent, "9"), env })).toThrow(/gives no project name; pass --name/);
    fs.writeFileSync(path.join(parent, "file"), "");
    expect(() => init({ folder: path.join(parent, "file"), project: "acme", env })).toThrow(/is a file/);
    expect(fs.readdirSync(parent)).toEqual(["file"]);
  });

  test("the CLI prints the next steps, exits 2 on a non-empty folder, and lists init in --help", async () => {
    const parent = tmpDir("init-cli-");
    const run = await cli(parent, env, "init", "infra", "--name", "acme", "--owner", "ops@acme.com", "--api-server-range", "198.51.100.0/24,192.0.2.0/24");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("scaffolded acme in infra");
    expect(run.stdout).toMatch(/cd infra\n  npm install\n  npm test\n/);
    expect(run.stdout).toContain("set ADMIN_GROUP, GITOPS_URL in environments/shared.ts");
    expect(read(path.join(parent, "infra"), "environments/shared.ts")).toContain('["198.51.100.0/24","192.0.2.0/24"]');
    const again = await cli(parent, env, "init", "infra", "--json");
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: false, exitCode: 2, error: expect.stringContaining("is not empty") });
    const help = await cli(parent, env, "--help");
    expect(help.stdout).toContain("init [options] [folder]");
  });

  test("--library writes the given npm spec (a tarball, for a version not on the registry)", () => {
    const folder = tmpDir("init-lib-");
    init({ folder, project: "acme", librarySpec: "file:../cdktf-gitops-0.1.0.tgz", git: false, env });
    expect(JSON.parse(read(folder, "package.json")).dependencies["cdktf-gitops"]).toBe("file:../cdktf-gitops-0.1.0.tgz");
  });

  test("libraryPackage finds this package's package.json from its own folder", () => {
    expect(libraryPackage().version).toBe(own.version);
    expect(() => libraryPackage(tmpDir("nopkg-"))).toThrow(/no package\.json of cdktf-gitops above this folder/);
  });
});

describe("init's CI flags", () => {
  test("--github owner/repo: the gitops repository beside it, a deploy key secret by name", () => {
    const delivery = scaffoldDelivery({ github: "contoso/platform-infra" })!;
    expect(delivery).toEqual({
      ci: "github",
      infraRepository: { owner: "contoso", name: "platform-infra" },
      gitopsRepository: { owner: "contoso", name: "platform-infra-gitops" },
      gitopsPushCredential: { kind: "deploy-key", privateKeySecret: "GITOPS_DEPLOY_KEY" },
    });
    expect(gitopsCloneUrl(delivery)).toBe("https://github.com/contoso/platform-infra-gitops.git");
    expect(scaffoldDelivery({ github: "contoso/infra", gitopsRepo: "contoso/releases" })?.gitopsRepository).toEqual({ owner: "contoso", name: "releases" });
  });

  test("--azure-devops org/project/repo, with the gitops repository on github", () => {
    const delivery = scaffoldDelivery({ azureDevOps: "contoso/Platform Team/infra", azureDevOpsOrgId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", gitopsRepo: "contoso/infra-gitops" })!;
    expect(delivery.ci).toBe("azure-devops");
    expect(delivery.infraRepository).toEqual({ organization: "contoso", project: "Platform Team", repository: "infra" });
    expect(delivery.gitopsRepository).toEqual({ owner: "contoso", name: "infra-gitops" });
    expect(gitopsCloneUrl(delivery)).toBe("https://github.com/contoso/infra-gitops.git");
    expect(() => scaffoldDelivery({ azureDevOps: "contoso/p/infra", azureDevOpsOrgId: "x" })).toThrow("--azure-devops needs --gitops-repo owner/name: the gitops repository is on github");
  });

  const TENANT = "11111111-2222-3333-4444-555555555555";
  const SUBSCRIPTION = "66666666-7777-8888-9999-000000000000";

  test("init --github writes the delivery settings and remote state; the scaffold synthesizes the state and delivery stacks", () => {
    const folder = tmpDir("init-gh-");
    const result = init({ folder, project: "acme", github: "contoso/acme-infra", tenantId: TENANT, subscriptionId: SUBSCRIPTION, git: false });
    expect(result.spec.samples).not.toContain("GITOPS_URL");
    expect(nextSteps(result, folder)).toContain("  npm run synth\n  npx cdktf-gitops pipelines write");
    expect(read(folder, "environments/shared.ts")).toContain('"https://github.com/contoso/acme-infra-gitops.git"');
    expect(JSON.parse(read(folder, "package.json")).dependencies["@cdktf/provider-github"]).toBe(own.devDependencies["@cdktf/provider-github"]);
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(folder, "node_modules"), "dir");
    const scaffold = require(path.join(folder, "environments"));
    expect(scaffold.platform).toEqual(scaffoldPlatform(result.spec));
    expect(scaffold.platform.delivery).toMatchObject({ ci: "github", gitopsPushCredential: { kind: "deploy-key", privateKeySecret: "GITOPS_DEPLOY_KEY" } });
    expect(scaffold.platform.environments[0].delivery).toEqual({ tenantId: TENANT, subscriptionId: SUBSCRIPTION });
    const outdir = tmpDir("init-gh-out-");
    const app = new App({ outdir });
    const stacks = buildPlatform(app, scaffold.platform, { apps: scaffold.apps, pins: scaffold.pins });
    expect(stacks.state).toBeDefined();
    expect(stacks.delivery).toBeDefined();
    app.synth();
    // What `npx cdktf-gitops pipelines write` (printed as a next step) writes into the scaffold.
    syncPipelines({ cwd: folder, out: outdir, write: true });
    expect(fs.readdirSync(path.join(folder, ".github", "workflows")).length).toBeGreaterThan(0);
  });

  test("init --azure-devops needs the organization id; CI flags need the dev tenant and subscription (checked first, nothing written)", () => {
    const folder = path.join(tmpDir("init-ci-"), "infra");
    expect(() => init({ folder, project: "acme", github: "contoso/infra" })).toThrow("--github needs --tenant-id and --subscription-id of the dev environment");
    expect(() => init({ folder, project: "acme", azureDevOps: "contoso/p/infra", gitopsRepo: "contoso/g", tenantId: TENANT, subscriptionId: SUBSCRIPTION })).toThrow("--azure-devops needs --azure-devops-org-id <guid>");
    expect(() => init({ folder, project: "acme", azureDevOpsOrgId: TENANT })).toThrow("--azure-devops-org-id needs --azure-devops");
    expect(() => init({ folder, project: "acme", github: "contoso/infra", tenantId: "tenant", subscriptionId: SUBSCRIPTION })).toThrow(/the scaffold would not synthesize with these options[\s\S]*tenantId/);
    expect(fs.existsSync(folder)).toBe(false);
    const ado = init({ folder, project: "acme", azureDevOps: "contoso/Platform/acme-infra", gitopsRepo: "contoso/acme-gitops", azureDevOpsOrgId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", tenantId: TENANT, subscriptionId: SUBSCRIPTION, git: false });
    expect(ado.spec.gitopsUrl).toBe("https://github.com/contoso/acme-gitops.git");
    expect(read(folder, "environments/index.ts")).toContain('organizationId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"');
    expect(JSON.parse(read(folder, "package.json")).dependencies["@cdktf/provider-github"]).toBe(own.devDependencies["@cdktf/provider-github"]);
  });

  test("--platform-team adds governance (validated by the library's governance rules); it and --github-plan need a CI flag", () => {
    const folder = tmpDir("init-gov-");
    const ci = { github: "contoso/acme-infra", tenantId: TENANT, subscriptionId: SUBSCRIPTION };
    const result = init({ folder, project: "acme", ...ci, platformTeam: "contoso/platform", githubPlan: "team", git: false });
    expect(scaffoldPlatform(result.spec).governance).toEqual({ platformTeam: "contoso/platform", plan: "team" });
    expect(read(folder, "environments/index.ts")).toContain('governance: {\n    platformTeam: "contoso/platform",\n    plan: "team"\n  },');
    const other = path.join(tmpDir("init-gov-bad-"), "infra");
    expect(() => init({ folder: other, project: "acme", ...ci, platformTeam: "contoso/platform", githubPlan: "gold" })).toThrow(/the scaffold would not synthesize[\s\S]*plan/);
    expect(() => init({ folder: other, project: "acme", platformTeam: "contoso/platform" })).toThrow("--platform-team and --github-plan need --github or --azure-devops");
    expect(() => init({ folder: other, project: "acme", ...ci, githubPlan: "team" })).toThrow("--github-plan needs --platform-team");
    expect(fs.existsSync(other)).toBe(false);
  });

  test("bad CI flags are refused with the expected form", () => {
    expect(scaffoldDelivery({})).toBeUndefined();
    expect(() => scaffoldDelivery({ github: "contoso" })).toThrow('--github "contoso" is not a github repository; use owner/repo');
    expect(() => scaffoldDelivery({ github: "-x/y" })).toThrow(/is not a github repository/);
    expect(() => scaffoldDelivery({ github: "a/.." })).toThrow(/is not a github repository/);
    expect(() => scaffoldDelivery({ azureDevOps: "contoso/infra", azureDevOpsOrgId: "x" })).toThrow(/use organization\/project\/repository/);
    expect(() => scaffoldDelivery({ azureDevOps: "contoso/p/r#1", azureDevOpsOrgId: "x" })).toThrow(/is not an azure devops repository/);
    expect(() => scaffoldDelivery({ github: "a/b", azureDevOps: "a/b/c" })).toThrow(/both given/);
    expect(() => scaffoldDelivery({ gitopsRepo: "a/b" })).toThrow(/--gitops-repo needs --github or --azure-devops/);
    expect(() => scaffoldDelivery({ azureDevOps: "a/b/c", azureDevOpsOrgId: "x", gitopsRepo: "a/b/c" })).toThrow(/--gitops-repo "a\/b\/c" is not a github repository/);
    expect(() => scaffoldDelivery({ github: "a/b", gitopsRepo: "a/b/c" })).toThrow(/--gitops-repo "a\/b\/c" is not a github repository/);
  });
});
