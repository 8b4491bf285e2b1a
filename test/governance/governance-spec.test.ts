import { assertValidPlatform, validatePlatform } from "../../lib/environment/validate-platform";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { governanceSpecProblems, resolveGovernance } from "../../lib/environment/governance-spec";
import { platformSpec } from "../support/fixtures";

describe("governance spec", () => {
  test("defaults: free plan, private repositories, one approval", () => {
    expect(resolveGovernance({ platformTeam: "contoso/platform" })).toEqual({
      plan: "free",
      infraRepositoryVisibility: "private",
      gitopsRepositoryVisibility: "private",
      requiredApprovals: 1,
      platformTeam: "contoso/platform",
    });
    expect(resolvePlatform(platformSpec({ governance: { platformTeam: "contoso/platform", requiredApprovals: 2, plan: "team" } })).governance).toMatchObject({ requiredApprovals: 2, plan: "team" });
    expect(resolvePlatform(platformSpec()).governance).toBeUndefined();
  });

  test("shape problems join the platform's problems, with paths and a did-you-mean", () => {
    const spec = platformSpec({ governance: { platformTeam: "contoso/platform", requiredAprovals: 2, plan: "business", requiredApprovals: 0 } as never });
    const problems = validatePlatform(spec);
    expect(problems).toContain('platform.governance.requiredAprovals: unknown field "requiredAprovals"; did you mean "requiredApprovals"?');
    expect(problems).toContain('platform.governance.plan: "business" is not allowed; use one of "free", "pro", "team", "enterprise"');
    expect(problems.some((p) => p.startsWith("platform.governance.requiredApprovals:"))).toBe(true);
    expect(() => assertValidPlatform(spec)).toThrow("platform.governance.requiredAprovals");
  });

  test("a platform team is required and has no stray spaces", () => {
    expect(governanceSpecProblems({})).toEqual(["platform.governance.platformTeam: is missing; set it (string)"]);
    expect(governanceSpecProblems({ platformTeam: " contoso/platform" })).toEqual(['platform.governance.platformTeam: " contoso/platform" has leading or trailing spaces; remove them']);
    expect(governanceSpecProblems({ platformTeam: "contoso/platform", requiredApprovals: 11 })).toHaveLength(1);
  });
});
