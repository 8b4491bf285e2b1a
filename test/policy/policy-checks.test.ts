import * as fs from "fs";
import * as path from "path";
import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { App, Aspects, TerraformStack, Testing } from "cdktf";
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { Construct } from "constructs";
import { GitOpsManifests } from "../../lib/kubernetes/gitops-manifests";
import { PolicyChecks, PolicyReport, readPolicyReport, suppressPolicy } from "../../lib/policy";
import { withTestApp } from "../support/synth";
import { deployment } from "./cases";

/** A stack with a container registry (admin user on or off) and a Deployment, in `app` (a `withTestApp` app). */
function fixture(app: App, adminEnabled: boolean) {
  const outdir = app.outdir;
  const stack = new TerraformStack(app, "dev-platform");
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  const registry = new ContainerRegistry(stack, "Registry", { name: "acrx", location: "westeurope", resourceGroupName: "rg", sku: "Basic", adminEnabled, publicNetworkAccessEnabled: false });
  const manifests = new GitOpsManifests(stack, "Manifests", { environment: "dev", folder: "apps/app" });
  manifests.add(deployment({}, { automountServiceAccountToken: true }) as never);
  return { outdir, stack, registry, manifests };
}

const report = (outdir: string): PolicyReport => readPolicyReport(path.join(outdir, "policy-report.json"));

describe("PolicyChecks", () => {
  afterEach(() => jest.restoreAllMocks());

  test("an unsuppressed error-level finding fails synth, naming the rule and the resource; the report is still written", () => {
    withTestApp((app) => {
      const { outdir } = fixture(app, true);
      PolicyChecks.applyTo(app, { today: "2026-01-01" });
      expect(() => app.synth()).toThrow(/\[dev-platform\/Registry\] \[GITOPS-ACR-1\] azurerm_container_registry\.Registry: admin_enabled is true/);
      const written = report(outdir);
      expect(written.summary.blocking).toBe(1);
      expect(written.findings.find((f) => f.ruleId === "GITOPS-ACR-1")).toMatchObject({ result: "non-compliant", severity: "error", path: "dev-platform/Registry" });
      expect(fs.readFileSync(path.join(outdir, "policy-summary.md"), "utf8")).toContain("**1 blocking finding(s)**");
    });
  });

  test("a suppression with a reason, inherited from the stack, lets synth pass and is recorded with its reason", () => {
    withTestApp((app) => {
      const { outdir, stack } = fixture(app, true);
      suppressPolicy(stack, [{ ruleId: "GITOPS-ACR-1", reason: "a legacy pipeline still logs in with the admin user", expires: "2026-06-30" }]);
      PolicyChecks.applyTo(app, { today: "2026-01-01" });
      app.synth();
      const finding = report(outdir).findings.find((f) => f.ruleId === "GITOPS-ACR-1")!;
      expect(finding.suppression).toEqual({ reason: "a legacy pipeline still logs in with the admin user", addedAt: "dev-platform", expires: "2026-06-30", expired: false });
      expect(report(outdir).summary).toMatchObject({ blocking: 0, suppressed: 1 });
    });
  });

  test("an expired suppression fails synth again, even for a warning", () => {
    withTestApp((app) => {
      const { stack, manifests } = fixture(app, false);
      suppressPolicy(stack, [{ ruleId: "GITOPS-ACR-1", reason: "reviewed exception for the migration", expires: "2025-12-31" }]);
      suppressPolicy(manifests, [{ ruleId: "GITOPS-POD-19", reason: "reads the API server for its metrics", expires: "2025-12-31" }]);
      PolicyChecks.applyTo(app, { today: "2026-01-01" });
      expect(() => app.synth()).toThrow(/\[GITOPS-POD-19\] Deployment\/app\/app: .* \(suppression added at dev-platform\/Manifests expired on 2025-12-31\)/);
    });
  });

  test("Kubernetes objects are checked at the file they are written to; object filters narrow a suppression", () => {
    withTestApp((app) => {
      const { outdir, manifests } = fixture(app, false);
      suppressPolicy(manifests, [{ ruleId: "GITOPS-POD-19", reason: "reads the API server for its metrics", objects: ["Deployment/other"] }]);
      PolicyChecks.applyTo(app);
      app.synth();
      const finding = report(outdir).findings.find((f) => f.ruleId === "GITOPS-POD-19")!;
      expect(finding).toMatchObject({ path: "gitops/dev/apps/app/deployment-app.yaml", resource: "Deployment/app/app", result: "non-compliant", severity: "warning" });
      expect(finding.suppression).toBeUndefined();
      expect(fs.existsSync(path.join(outdir, "gitops/dev/apps/app/deployment-app.yaml"))).toBe(true);
    });
  });

  test("suppressions need a reason of at least 10 characters, a real date and well-formed object references", () => {
    withTestApp((app) => {
      const { stack } = fixture(app, false);
      expect(() => suppressPolicy(stack, [{ ruleId: "GITOPS-ACR-1", reason: "legacy" }])).toThrow(
        "dev-platform: suppression of GITOPS-ACR-1 has no reason of at least 10 characters; say why the finding is accepted",
      );
      expect(() => suppressPolicy(stack, [{ ruleId: "GITOPS-ACR-1", reason: "long enough reason", expires: "31.12.2026", objects: ["deployment web"] }])).toThrow(
        /expires "31.12.2026", which is not a date; use YYYY-MM-DD\n.*names object "deployment web"; use Kind\/name or Kind\/namespace\/name/,
      );
    });
  });

  test.each([
    ["fails synth when an Aspect added after the checks turns the admin user on", false, 1],
    ["passes when an Aspect added after the checks turns it off", true, 0],
  ])("checks the JSON synth writes: %s", (_, adminEnabled, blocking) => {
    withTestApp((app) => {
      const { outdir, stack } = fixture(app, adminEnabled);
      PolicyChecks.applyTo(app, { today: "2026-01-01" });
      // a user's Aspect, added after the checks, that changes the resource the checks evaluate
      Aspects.of(stack).add({ visit: (node) => void (node instanceof ContainerRegistry && (node.adminEnabled = !adminEnabled)) });
      if (blocking > 0) expect(() => app.synth()).toThrow(/\[GITOPS-ACR-1\] azurerm_container_registry\.Registry: admin_enabled is true/);
      else app.synth();
      expect(report(outdir).summary.blocking).toBe(blocking);
      if (blocking === 0) {
        const written = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "dev-platform", "cdk.tf.json"), "utf8"));
        expect(written.resource.azurerm_container_registry.Registry.admin_enabled).toBe(false);
      }
    });
  });

  test.each([
    ["in the same stack", false],
    ["in a stack synthesized before the registry's", true],
  ])("a custom synthesis that changes a construct %s: synth writes the change (the JSON resolved when preparing is not taken)", (_, inStackBefore) => {
    withTestApp((app) => {
      const before = inStackBefore ? new TerraformStack(app, "before") : undefined;
      if (before) new AzurermProvider(before, "azurerm", { features: [{}] });
      const { outdir, stack, registry } = fixture(app, false);
      addCustomSynthesis(new Construct(before ?? stack, "Changes"), { onSynthesize: () => void (registry.sku = "Premium") });
      PolicyChecks.applyTo(app, { today: "2026-01-01" });
      app.synth();
      const written = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "dev-platform", "cdk.tf.json"), "utf8"));
      expect(written.resource.azurerm_container_registry.Registry.sku).toBe("Premium");
    });
  });

  test("Testing.synth evaluates without writing report files; applyTo twice adds the checks once", () => {
    withTestApp((app) => {
      const { outdir, stack } = fixture(app, false);
      const checks = PolicyChecks.applyTo(app);
      expect(PolicyChecks.applyTo(app)).toBe(checks);
      Testing.synth(stack);
      expect(checks.findings.filter((f) => f.ruleId === "GITOPS-ACR-1")).toHaveLength(1);
      expect(fs.existsSync(path.join(outdir, "policy-report.json"))).toBe(false);
    });
  });

  test("the report is sorted and has no timestamps: identical input gives identical files", () => {
    const texts = [0, 1].map(() =>
      withTestApp((app) => {
        const { outdir } = fixture(app, false);
        PolicyChecks.applyTo(app, { today: "2026-01-01" });
        app.synth();
        return fs.readFileSync(path.join(outdir, "policy-report.json"), "utf8");
      }),
    );
    expect(texts[0]).toBe(texts[1]);
  });
});
