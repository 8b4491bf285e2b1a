import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyFinding } from "../../lib/policy/evaluate";
import { buildPolicyReport, readPolicyReport, writePolicyReport } from "../../lib/policy/policy-report";

const finding = (i: number): PolicyFinding => ({
  ruleId: `GITOPS-POD-${i % 7}`,
  pack: "kubernetes-workload",
  severity: i % 3 === 0 ? "warning" : "error",
  target: "kubernetes",
  path: `gitops/dev/apps/app${i}/deployment-app${i}.yaml`,
  resource: `Deployment/app${i}/app${i}`,
  result: i % 5 === 0 ? "non-compliant" : "compliant",
  ...(i % 5 === 0 ? { detail: 'runs as root: "quoted"\nand a newline' } : {}),
  ...(i % 10 === 0 ? { suppression: { reason: "accepted for the benchmark", addedAt: "2026-01-01", expired: false } } : {}),
});

describe("writePolicyReport", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "policy-report-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  // 4,001 findings: more than one write, and a last one that is not full
  test.each([0, 1, 4001])("writes %i findings byte for byte as JSON.stringify(report, null, 2)", (count) => {
    const report = buildPolicyReport(["kubernetes-workload"], Array.from({ length: count }, (_, i) => finding(i)), ["gitops/dev/a.yaml"]);
    const file = path.join(dir, "policy-report.json");
    writePolicyReport(file, report);
    expect(fs.readFileSync(file, "utf8")).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(readPolicyReport(file)).toEqual(report);
    expect(fs.readdirSync(dir)).toEqual(["policy-report.json"]);
  });

  test("leaves neither a report nor a temporary file when writing fails", () => {
    const report = buildPolicyReport(["kubernetes-workload"], [finding(1)]);
    // a value JSON cannot hold, in the findings: the failure comes after the head is written
    (report.findings[0] as unknown as { extra: bigint }).extra = BigInt(1);
    const file = path.join(dir, "policy-report.json");
    expect(() => writePolicyReport(file, report)).toThrow(/BigInt/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

describe("buildPolicyReport", () => {
  test("sorts findings by path, resource and rule, and keeps the order of findings equal in all three", () => {
    // scrambled: paths shared by several resources and rules, and two findings that differ only in pack
    const base = (path: string, resource: string, ruleId: string, pack = "gitops"): PolicyFinding => ({ ruleId, pack, severity: "error", target: "kubernetes", path, resource, result: "compliant" });
    const findings = [
      base("b.yaml", "Service/x", "R-2"),
      base("a.yaml", "Service/y", "R-1"),
      base("b.yaml", "Deployment/x", "R-3"),
      base("a.yaml", "Service/y", "R-0", "second"),
      base("a.yaml", "Service/y", "R-0", "first"),
      base("b.yaml", "Service/x", "R-1"),
      base("a.yaml", "Namespace/y", "R-9"),
      base("B.yaml", "Service/x", "R-1"),
    ];
    const sorted = buildPolicyReport(["gitops"], findings).findings;
    expect(sorted.map((f) => `${f.path} ${f.resource} ${f.ruleId} ${f.pack}`)).toEqual([
      "B.yaml Service/x R-1 gitops",
      "a.yaml Namespace/y R-9 gitops",
      "a.yaml Service/y R-0 second",
      "a.yaml Service/y R-0 first",
      "a.yaml Service/y R-1 gitops",
      "b.yaml Deployment/x R-3 gitops",
      "b.yaml Service/x R-1 gitops",
      "b.yaml Service/x R-2 gitops",
    ]);
    expect(findings[0].path).toBe("b.yaml");
  });
});
