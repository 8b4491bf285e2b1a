import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { specProblems } from "../../lib/apps/validate-specs";
import { PlatformSpec } from "../../lib/environment/environment-spec";
import { buildPlatform } from "../../stacks/build-platform";
import { appSpec, environmentSpec, pinned, platformSpec } from "../support/fixtures";

// Plausible specs, odd names included, validate and synthesize.
const CASES: [string, PlatformSpec, Parameters<typeof appSpec>[0][], Record<string, Record<string, string>>][] = [
  ["an app named constructor (an Object.prototype name)", platformSpec(), [{ name: "constructor" }], { dev: { constructor: pinned("constructor") }, prod: { constructor: pinned("constructor") } }],
  ["short names", { project: "ab", environments: [environmentSpec({ name: "d1" })] }, [{ name: "a1" }], { d1: { a1: pinned("a1") } }],
  ["longest names", { project: "abcdefghijkl", environments: [environmentSpec({ name: "qa" })] }, [{ name: `a${"b".repeat(38)}c` }], { qa: { [`a${"b".repeat(38)}c`]: pinned("long") } }],
  ["hyphens in app names and labels, argo cd", { project: "contoso", environments: [environmentSpec({ name: "dev", sync: "argocd", cluster: { kubernetesVersion: "1.33.1", adminGroupObjectIds: ["8f3d2c71-5b4a-4e8e-9c1d-2a7b6e5f4d30"], privateCluster: true, userPools: [{ name: "apps", vmSize: "Standard_D4s_v5", minCount: 0, maxCount: 3, labels: { "contoso.com/team": "shop_1", tier: "" } }] } })] }, [{ name: "web-front-2", env: { EMPTY: "", UNICODE: "\u00e9t\u00e9 \u{1F680}", QUOTES: "'\"`" } }], { dev: { "web-front-2": pinned("web-front-2") } }],
  ["key vault ranges and an authorized /8", { project: "contoso", environments: [environmentSpec({ name: "dev", keyVaultAllowedIpRanges: ["203.0.113.0/24"], cluster: { kubernetesVersion: "1.33", adminGroupObjectIds: ["8f3d2c71-5b4a-4e8e-9c1d-2a7b6e5f4d30"], apiServerAuthorizedIpRanges: ["10.0.0.0/8", "203.0.113.7/32"] } })] }, [], {}],
  ["tags with odd characters", { project: "contoso", environments: [environmentSpec({ name: "dev", tags: { "Cost Center": "42 (shop)", "team.owner": "a@b.c", Owner2: "\u00e9" } })] }, [], {}],
];

describe("valid specs with odd names synthesize", () => {
  test.each(CASES)("%s", (_label, spec, apps, pins) => {
    const specs = apps.map((overrides) => appSpec(overrides));
    expect(specProblems(spec, specs, pins)).toEqual([]);
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "hardening-valid-"));
    try {
      const app = new App({ outdir });
      const stacks = buildPlatform(app, spec, { apps: specs, pins });
      app.synth();
      for (const env of spec.environments) {
        expect(fs.existsSync(path.join(outdir, "stacks", `${env.name}-platform`, "cdk.tf.json"))).toBe(true);
        for (const name of Object.keys(pins[env.name] ?? {})) expect(Object.prototype.hasOwnProperty.call(stacks.environments[env.name].apps, name)).toBe(true);
      }
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test("keyVaultAllowedIpRanges of the spec reach the key vault firewall", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "hardening-valid-"));
    try {
      const app = new App({ outdir });
      buildPlatform(app, { project: "contoso", environments: [environmentSpec({ name: "dev", keyVaultAllowedIpRanges: ["203.0.113.0/24"] })] });
      app.synth();
      const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "dev-platform", "cdk.tf.json"), "utf8"));
      const vault = Object.values(json.resource.azurerm_key_vault)[0] as { network_acls: { ip_rules: string[] } };
      expect(vault.network_acls.ip_rules).toEqual(["203.0.113.0/24"]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
