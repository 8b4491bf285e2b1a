import { App, TerraformStack, Testing } from "cdktf";
import { GithubProvider } from "@cdktf/provider-github/lib/provider";
import { CodeOwnersFile } from "../../lib/governance/code-owners-file";
import { gitopsCodeOwners } from "../../lib/governance/code-owners";
import { ReviewRuleset, ReviewRulesetProps } from "../../lib/governance/review-ruleset";
import { FIXED_CHECKS } from "../support/governance";
import { onlyResource } from "../support/terraform-json";

function synth(props: Partial<ReviewRulesetProps>, withCodeOwners = true): any {
  const stack = new TerraformStack(new App(), "test");
  new GithubProvider(stack, "github", { owner: "contoso" });
  const codeOwners = withCodeOwners
    ? new CodeOwnersFile(stack, "Owners", { rules: gitopsCodeOwners({ platformTeam: "contoso/platform", environments: [] }), outputPath: "o/CODEOWNERS", source: "s" })
    : undefined;
  new ReviewRuleset(stack, "Ruleset", { repository: "platform-infra", requiredChecks: FIXED_CHECKS, codeOwners, ...props });
  return onlyResource(JSON.parse(Testing.synth(stack)), "github_repository_ruleset");
}

describe("ReviewRuleset", () => {
  test("makes a reviewed pull request the only way onto the default branch", () => {
    expect(synth({})).toEqual({
      name: "review-required",
      repository: "platform-infra",
      target: "branch",
      enforcement: "active",
      conditions: { ref_name: { include: ["~DEFAULT_BRANCH"], exclude: [] } },
      bypass_actors: [],
      rules: {
        deletion: true,
        non_fast_forward: true,
        required_linear_history: true,
        pull_request: {
          required_approving_review_count: 1,
          dismiss_stale_reviews_on_push: true,
          require_code_owner_review: true,
          require_last_push_approval: true,
          required_review_thread_resolution: true,
        },
        required_status_checks: {
          strict_required_status_checks_policy: true,
          required_check: FIXED_CHECKS.map((context) => ({ context, integration_id: 15368 })),
        },
      },
    });
  });

  test("the required checks are exactly the given check names, template characters escaped", () => {
    const ruleset = synth({ requiredChecks: ["plan ${dev}", "test %{x}"] });
    expect(ruleset.rules.required_status_checks.required_check).toEqual([{ context: "plan $${dev}", integration_id: 15368 }, { context: "test %%{x}", integration_id: 15368 }]);
    expect(synth({ checksIntegrationId: undefined }).rules.required_status_checks.required_check[0]).toEqual({ context: "pull-request / test" });
  });

  test("a github app bypass is an Integration actor with the app id; a deploy key bypass has no id", () => {
    expect(synth({ bypass: [{ kind: "github-app", appId: 42 }], requireStatusChecks: false, requiredChecks: [] }).bypass_actors).toEqual([
      { actor_type: "Integration", actor_id: 42, bypass_mode: "always" },
    ]);
    expect(synth({ bypass: [{ kind: "deploy-key" }] }).bypass_actors).toEqual([{ actor_type: "DeployKey", bypass_mode: "always" }]);
  });

  test("raises approvals and drops status checks when asked", () => {
    const ruleset = synth({ requiredApprovals: 3, requireStatusChecks: false, requiredChecks: [] });
    expect(ruleset.rules.pull_request.required_approving_review_count).toBe(3);
    expect(ruleset.rules.required_status_checks).toBeUndefined();
  });

  test("refuses code owner review without a CODEOWNERS file", () => {
    expect(() => synth({}, false)).toThrow(
      "test/Ruleset: code owner review is required but the repository has no CODEOWNERS file; pass codeOwners or set requireCodeOwnerReview to false",
    );
    expect(synth({ requireCodeOwnerReview: false }, false).rules.pull_request.require_code_owner_review).toBe(false);
  });

  test("refuses bad approvals, missing, empty or repeated checks and bad bypass ids, all at once", () => {
    const make = () => synth({ requiredApprovals: 11, requiredChecks: ["a", "a", " "], bypass: [{ kind: "github-app", appId: 0 }, { kind: "deploy-key" }, { kind: "deploy-key" }] });
    expect(make).toThrow("test/Ruleset: requiredApprovals 11 is out of range; use a whole number from 1 to 10");
    expect(make).toThrow('test/Ruleset: check "a" is listed twice; list each check once');
    expect(make).toThrow("test/Ruleset: requiredChecks holds an empty name; remove it");
    expect(make).toThrow("test/Ruleset: bypass app id 0 is not valid; use the github app's numeric id");
    expect(make).toThrow("test/Ruleset: the deploy key bypass is listed twice; list it once");
    expect(() => synth({ requiredChecks: [] })).toThrow("test/Ruleset: requiredChecks is empty; pass the pull-request pipeline's check names or set requireStatusChecks to false");
  });
});
