import { COMPLIANT, definePolicyPack, defineRule, evaluateKubernetesObjects, evaluateTerraformResources, nonCompliant, NOT_APPLICABLE } from "../../lib/policy";

const documentation = { severity: "error" as const, what: "checks a thing", why: "because it matters", fix: "do the right thing" };
const failing = (): never => {
  throw new Error("cannot read tags");
};

describe("evaluating rules", () => {
  test("a rule that throws is reported as the rule's defect, naming where it ran", () => {
    const terraform = definePolicyPack("team", "team rules", [defineRule({ ...documentation, id: "TEAM-TF-1", target: "terraform", resourceTypes: "*", evaluate: failing })]);
    const resource = { type: "azurerm_resource_group", name: "rg", body: {} };
    expect(() => evaluateTerraformResources([terraform], [{ resource, path: "dev-platform/Group/Resource", suppressions: [] }], "2026-01-01")).toThrow(
      "policy rule TEAM-TF-1 failed on dev-platform/Group/Resource: cannot read tags; fix the rule: a rule returns a result (non-compliant or not applicable for what it cannot read), it never throws",
    );
    const kubernetes = definePolicyPack("team", "team rules", [defineRule({ ...documentation, id: "TEAM-K8S-1", target: "kubernetes", kinds: "*", evaluate: failing })]);
    const object = { apiVersion: "v1", kind: "Namespace", metadata: { name: "web" } };
    expect(() => evaluateKubernetesObjects([kubernetes], [{ object, path: "gitops/dev/apps/web/namespace-web.yaml", suppressions: [] }], "2026-01-01")).toThrow(
      /^policy rule TEAM-K8S-1 failed on gitops\/dev\/apps\/web\/namespace-web\.yaml: cannot read tags; fix the rule/,
    );
  });

  test("findings in the report's key order; a suppression only on what is not compliant; not-applicable left out", () => {
    const pack = definePolicyPack("team", "team rules", [
      defineRule({ ...documentation, id: "TEAM-K8S-1", target: "kubernetes", kinds: "*", evaluate: (o) => (o.metadata.name === "bad" ? nonCompliant("bad name") : COMPLIANT) }),
      defineRule({ ...documentation, id: "TEAM-K8S-2", target: "kubernetes", kinds: ["Deployment"], evaluate: () => COMPLIANT }),
      defineRule({ ...documentation, id: "TEAM-K8S-3", target: "kubernetes", kinds: "*", evaluate: () => NOT_APPLICABLE }),
    ]);
    const suppressions = [{ ruleId: "TEAM-K8S-1", reason: "accepted", addedAt: "dev-gitops/Web" }];
    const subjects = ["good", "bad"].map((name) => ({ object: { apiVersion: "v1", kind: "Namespace", metadata: { name } }, path: `gitops/dev/${name}.yaml`, suppressions }));
    const findings = evaluateKubernetesObjects([pack], subjects, "2026-02-01");
    expect(findings.map((f) => Object.keys(f))).toEqual([
      ["ruleId", "pack", "severity", "target", "path", "resource", "result"],
      ["ruleId", "pack", "severity", "target", "path", "resource", "result", "detail", "suppression"],
    ]);
    expect(findings[1]).toEqual({
      ruleId: "TEAM-K8S-1",
      pack: "team",
      severity: "error",
      target: "kubernetes",
      path: "gitops/dev/bad.yaml",
      resource: "Namespace/bad",
      result: "non-compliant",
      detail: "bad name",
      suppression: { reason: "accepted", addedAt: "dev-gitops/Web", expired: false },
    });
  });
});
