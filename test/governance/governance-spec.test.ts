import { assertValidPlatform, validatePlatform } from "../../lib/environment/validate-platform";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { governanceSpecProblems, resolveGovernance } from "../../lib/environment/governance-spec";
import { platformSpec } from "../support/fixtures";
import { deliveredPlatformSpec } from "../support/governance";

describe("governance spec", () => {
  test("defaults: free plan, private repositories, one approval", () => {
    expect(resolveGovernance({ platformTeam: "contoso/platform" })).toEqual({
      plan: "free",
      infraRepositoryVisibility: "private",
      gitopsRepositoryVisibility: "private",
      requiredApprovals: 1,
      platformTeam: "contoso/platform",
      pullRequestPipelineName: "pull-request",
    });
    const spec = deliveredPlatformSpec({ governance: { platformTeam: "contoso/platform", requiredApprovals: 2, plan: "enterprise" } });
    expect(resolvePlatform(spec).governance).toMatchObject({ requiredApprovals: 2, plan: "enterprise" });
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
    expect(governanceSpecProblems({})).toEqual(["platform.governance.platformTeam: is missing; set it to a string"]);
    expect(governanceSpecProblems({ platformTeam: " contoso/platform" })).toEqual(['platform.governance.platformTeam: " contoso/platform" has leading or trailing spaces; remove them']);
    expect(governanceSpecProblems({ platformTeam: "contoso/platform", requiredApprovals: 11 })).toHaveLength(1);
    expect(governanceSpecProblems({ platformTeam: "p", pullRequestPipelineName: "pr ${x}" })).toEqual([
      'platform.governance.pullRequestPipelineName: use 1-256 characters without \\ / : * ? " < > | ; # $ { } , + = [ ] (azure devops refuses them in pipeline names)',
    ]);
  });
});

describe("governance with delivery", () => {
  test("governance needs delivery settings", () => {
    expect(validatePlatform(platformSpec({ governance: { platformTeam: "contoso/platform" } }))).toEqual([
      "platform.governance: needs the platform's delivery settings (repositories, release identity, approvers); set platform delivery or remove governance",
    ]);
  });

  test("plan limits and team organizations are spec problems, before any stack exists", () => {
    const base = deliveredPlatformSpec({ governance: { platformTeam: "fabrikam/platform", plan: "team" } });
    const [dev, ...rest] = base.environments;
    const spec = { ...base, environments: [{ ...dev, delivery: { ...dev.delivery!, approvers: ["fabrikam/dev"] } }, ...rest] };
    expect(validatePlatform(spec)).toEqual([
      'platform.governance.platformTeam: team "fabrikam/platform" is not in the infra repository\'s organization "contoso"; use a team of that organization',
      'environments/dev.delivery.approvers: team "fabrikam/dev" is not in the infra repository\'s organization "contoso"; github environments take teams of that organization',
      'environments/dev.delivery.approvers: required reviewers on environments of a private repository need github enterprise (plan is "team"); set plan "enterprise" or make the infra repository public',
      'environments/prod.delivery.approvers: required reviewers on environments of a private repository need github enterprise (plan is "team"); set plan "enterprise" or make the infra repository public',
    ]);
    expect(validatePlatform(deliveredPlatformSpec({ governance: { platformTeam: "contoso/platform", plan: "enterprise" } }))).toEqual([]);
  });

  test("the platform team must be a team slug on github", () => {
    expect(validatePlatform(deliveredPlatformSpec({ governance: { platformTeam: "Platform Team", plan: "enterprise" } }))).toEqual([
      'platform.governance.platformTeam: "Platform Team" is not a github team slug; use "org/team"',
    ]);
  });
});
