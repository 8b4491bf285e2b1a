import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../../lib/cli/main";
import { buildPolicyReport, PolicyFinding } from "../../lib/policy";
import { tmpDir } from "../release/support";

const finding = (change: Partial<PolicyFinding> = {}): PolicyFinding => ({
  ruleId: "GITOPS-ACR-1",
  pack: "azure-platform",
  severity: "error",
  target: "terraform",
  path: "dev-platform/Registry/Resource",
  resource: "azurerm_container_registry.Registry",
  result: "non-compliant",
  detail: "admin_enabled is true; expected false",
  ...change,
});

function out(findings: PolicyFinding[], files: Record<string, string> = {}, objects: string[] = []): string {
  const dir = tmpDir("policy-cli-");
  fs.writeFileSync(path.join(dir, "policy-report.json"), JSON.stringify(buildPolicyReport(["azure-platform"], findings, objects)));
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(args, { cwd: os.tmpdir(), env: {}, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false });
  return { code, stdout, stderr };
}

describe("cdktf-gitops policy", () => {
  test("exits 1 on an unsuppressed error-level finding and prints the markdown summary", async () => {
    const result = await run(["policy", "--out", out([finding()])]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("**1 blocking finding(s)**");
    expect(result.stdout).toContain("| GITOPS-ACR-1 | azurerm_container_registry.Registry | dev-platform/Registry/Resource | admin_enabled is true; expected false |");
  });

  test("exits 0 when findings are suppressed with reasons or only warnings, and appends the summary to --summary-file", async () => {
    const dir = out([
      finding({ suppression: { reason: "legacy pipeline logs in with the admin user", addedAt: "dev-platform", expired: false } }),
      finding({ ruleId: "GITOPS-ACR-5", severity: "warning", detail: "zone_redundancy_enabled is false" }),
    ]);
    const summary = path.join(dir, "summary.md");
    fs.writeFileSync(summary, "before\n");
    const result = await run(["policy", "--out", dir, "--summary-file", summary]);
    expect(result.code).toBe(0);
    const text = fs.readFileSync(summary, "utf8");
    expect(text.startsWith("before\n## Policy\n")).toBe(true);
    expect(text).toContain("legacy pipeline logs in with the admin user");
    expect(text).toContain("### Warnings (1)");
  });

  test("an expired suppression blocks", async () => {
    const dir = out([finding({ severity: "warning", suppression: { reason: "until the migration ends", addedAt: "dev-platform", expires: "2025-01-31", expired: true } })]);
    const result = await run(["policy", "--out", dir, "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, summary: { blocking: 1, expiredSuppressions: 1 } });
  });

  test("a manifest that synth did not evaluate blocks; kustomization.yaml files are build input and are not expected", async () => {
    const files = { "gitops/dev/apps/web/deployment-web.yaml": "kind: Deployment\n", "gitops/dev/apps/web/extra.yaml": "kind: Secret\n", "gitops/dev/apps/web/kustomization.yaml": "resources: []\n" };
    const result = await run(["policy", "--out", out([], files, ["gitops/dev/apps/web/deployment-web.yaml"]), "--json"]);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout).unevaluatedFiles).toEqual(["gitops/dev/apps/web/extra.yaml"]);
  });

  test("exits 2 with the fix when there is no report", async () => {
    const result = await run(["policy", "--out", tmpDir("policy-cli-empty-")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/policy-report\.json: cannot read the policy report .*; run "npm run synth" first/);
  });
});
