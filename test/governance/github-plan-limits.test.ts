import { githubPlanFindings, planAllows } from "../../lib/environment/github-plan-limits";
import { GovernanceSpec, resolveGovernance } from "../../lib/environment/governance-spec";

function findings(spec: Partial<GovernanceSpec>, reviewers: Record<string, string[]> = { prod: ["contoso/prod"] }, releaseIdentity: "github-app" | "deploy-key" = "github-app") {
  return githubPlanFindings({ governance: resolveGovernance({ platformTeam: "contoso/platform", ...spec }), reviewers, releaseIdentity });
}

describe("GitHub plan limits", () => {
  test("what each plan allows on private repositories", () => {
    expect(planAllows("free", "private", "rulesets")).toBe(false);
    expect(planAllows("team", "private", "rulesets")).toBe(true);
    expect(planAllows("pro", "private", "environments")).toBe(true);
    expect(planAllows("team", "private", "environment-reviewers")).toBe(false);
    expect(planAllows("enterprise", "internal", "environment-reviewers")).toBe(true);
    expect(planAllows("free", "public", "environment-reviewers")).toBe(true);
  });

  test("enterprise with private repositories: nothing to report", () => {
    expect(findings({ plan: "enterprise" })).toEqual({ errors: [], warnings: [] });
  });

  test("public repositories work on the free plan", () => {
    expect(findings({ plan: "free", infraRepositoryVisibility: "public", gitopsRepositoryVisibility: "public" })).toEqual({ errors: [], warnings: [] });
  });

  test("the default (free, private) cannot have rulesets, environments or reviewers: each is an error naming the fix", () => {
    const { errors } = findings({});
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'platform.governance.infraRepositoryVisibility: rulesets on a private repository need a paid github plan (plan is "free"); set plan to "pro", "team" or "enterprise", or make the repository public',
      'platform.governance.gitopsRepositoryVisibility: rulesets on a private repository need a paid github plan (plan is "free"); set plan to "pro", "team" or "enterprise", or make the repository public',
      'platform.governance.plan: environments in a private infra repository need github pro, team or enterprise (plan is "free"); upgrade the plan or make the repository public',
      'environments/prod.delivery.approvers: required reviewers on environments of a private repository need github enterprise (plan is "free"); set plan "enterprise" or make the infra repository public',
    ]);
  });

  test("team plan, private: reviewers are an error, admin bypass a warning", () => {
    const result = findings({ plan: "team" });
    expect(result.errors.map((e) => e.path)).toEqual(["environments/prod.delivery.approvers"]);
    expect(result.warnings.map((w) => w.path)).toEqual(["platform.governance.plan"]);
    expect(findings({ plan: "team" }, {}).errors).toEqual([]);
  });

  test("internal visibility needs enterprise; more than six reviewers is an error", () => {
    const result = findings({ plan: "team", gitopsRepositoryVisibility: "internal", infraRepositoryVisibility: "public" }, { prod: ["a", "b", "c", "d", "e", "f", "g"].map((t) => `contoso/${t}`) });
    expect(result.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'platform.governance.gitopsRepositoryVisibility: "internal" repositories exist only with github enterprise (plan is "team"); use "private" or set plan "enterprise"',
      "environments/prod.delivery.approvers: 7 approvers, github allows at most 6 per environment; use fewer teams",
    ]);
  });

  test("a deploy key as release identity is a warning: every deploy key bypasses", () => {
    expect(findings({ plan: "enterprise" }, {}, "deploy-key").warnings.map((w) => w.path)).toEqual(["platform.delivery.gitopsPushCredential"]);
  });
});
