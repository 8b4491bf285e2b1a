import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { policyGate } from "../../lib/policy";
import { buildPlatform } from "../../stacks/build-platform";
import { withSynthFolder } from "../support/synth";

describe("the reference platform's policy", () => {
  test("synth reports zero unsuppressed error-level findings, every manifest evaluated, every suppression with a reason", () => {
    const gate = withSynthFolder(
      (app) => buildPlatform(app, referencePlatform, { apps: referenceApps, pins: referencePins, policy: { today: "2026-01-01" } }),
      (outdir) => policyGate(outdir),
    );
    expect(gate.report.summary.blocking).toBe(0);
    expect(gate.unevaluatedFiles).toEqual([]);
    expect(gate.ok).toBe(true);
    const suppressed = gate.report.findings.filter((f) => f.suppression);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const f of suppressed) expect(f.suppression!.reason.length).toBeGreaterThanOrEqual(10);
    // The real weaknesses of issue 14 are fixed, not suppressed.
    const fixed = ["GITOPS-AKS-11", "GITOPS-AKS-15", "GITOPS-NODE-1", "GITOPS-NET-1", "GITOPS-NS-2", "GITOPS-ST-4", "GITOPS-ST-8", "GITOPS-POD-20"];
    const open = gate.report.findings.filter((f) => fixed.includes(f.ruleId) && f.result !== "compliant");
    expect(open).toEqual([]);
    expect(gate.report.findings.filter((f) => f.ruleId === "GITOPS-ACR-3" && f.path.startsWith("prod-platform/"))[0].result).toBe("compliant");
  });
});
