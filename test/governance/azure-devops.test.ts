import { App, TerraformStack, Testing } from "cdktf";
import { resolveGovernance } from "../../lib/environment/governance-spec";
import { AzureDevOpsProvider } from "../../lib/governance/azure-devops/azure-devops-provider";
import { BranchPolicyAutoReviewers } from "../../lib/governance/azure-devops/branch-policy-auto-reviewers";
import { BranchPolicyBuildValidation } from "../../lib/governance/azure-devops/branch-policy-build-validation";
import { BranchPolicyMinReviewers } from "../../lib/governance/azure-devops/branch-policy-min-reviewers";
import { CheckApproval } from "../../lib/governance/azure-devops/check-approval";
import { AzureDevOpsBranchReview } from "../../lib/governance/azure-devops-branch-review";
import { AzureDevOpsGovernanceStack, AzureDevOpsGovernanceStackProps } from "../../stacks/azure-devops-governance-stack";
import { danglingReferences, onlyResource, resourcesOf } from "../support/terraform-json";

const SCOPE = [{ repositoryId: "repo-id", repositoryRef: "refs/heads/main", matchType: "Exact" as const }];

function stack(): TerraformStack {
  const s = new TerraformStack(new App(), "test");
  new AzureDevOpsProvider(s, "azuredevops", { orgServiceUrl: "https://dev.azure.com/contoso" });
  return s;
}

function stackProps(overrides: Partial<AzureDevOpsGovernanceStackProps> = {}): AzureDevOpsGovernanceStackProps {
  return {
    governance: resolveGovernance({ platformTeam: "[platform]\\Platform Team", requiredApprovals: 2 }),
    orgServiceUrl: "https://dev.azure.com/contoso",
    project: "platform",
    infraRepository: "platform-infra",
    pullRequestPipeline: { name: "pull-request", path: "\\cdktf-gitops" },
    environments: [
      { name: "dev", approvers: [] },
      { name: "prod", approvers: ["[platform]\\Prod Approvers"] },
    ],
    ...overrides,
  };
}

describe("Azure DevOps bindings", () => {
  test("the provider block holds the organization url only, and the provider is required from microsoft/azuredevops", () => {
    const json = JSON.parse(Testing.synth(stack()));
    expect(json.provider.azuredevops).toEqual([{ org_service_url: "https://dev.azure.com/contoso" }]);
    expect(json.terraform.required_providers.azuredevops).toEqual({ source: "microsoft/azuredevops", version: "~> 1.16" });
  });

  test("arguments are written as the provider documents them (settings and scope blocks)", () => {
    const s = stack();
    new BranchPolicyMinReviewers(s, "Min", { projectId: "p", reviewerCount: 2, lastPusherCannotApprove: true, scope: SCOPE });
    new BranchPolicyBuildValidation(s, "Build", { projectId: "p", buildDefinitionId: 7, displayName: "pr", validDuration: 0, filenamePatterns: ["/src/*"], scope: SCOPE });
    new BranchPolicyAutoReviewers(s, "Auto", { projectId: "p", autoReviewerIds: ["g"], pathFilters: ["/environments/prod.ts"], scope: [{ matchType: "DefaultBranch" }] });
    const json = JSON.parse(Testing.synth(s));
    const scope = [{ repository_id: "repo-id", repository_ref: "refs/heads/main", match_type: "Exact" }];
    expect(onlyResource(json, "azuredevops_branch_policy_min_reviewers")).toEqual({ project_id: "p", settings: [{ reviewer_count: 2, last_pusher_cannot_approve: true, scope }] });
    expect(onlyResource(json, "azuredevops_branch_policy_build_validation")).toEqual({
      project_id: "p",
      settings: [{ build_definition_id: 7, display_name: "pr", valid_duration: 0, filename_patterns: ["/src/*"], scope }],
    });
    expect(onlyResource(json, "azuredevops_branch_policy_auto_reviewers").settings[0]).toEqual({ auto_reviewer_ids: ["g"], path_filters: ["/environments/prod.ts"], scope: [{ match_type: "DefaultBranch" }] });
  });

  test("plain strings are escaped for terraform's templates; references stay references", () => {
    const s = stack();
    new BranchPolicyBuildValidation(s, "Build", { projectId: "p", buildDefinitionId: 7, displayName: "pr ${x} %{y}", filenamePatterns: ["/a/${b}"], scope: SCOPE });
    const json = JSON.parse(Testing.synth(s));
    expect(onlyResource(json, "azuredevops_branch_policy_build_validation").settings[0]).toMatchObject({ display_name: "pr $${x} %%{y}", filename_patterns: ["/a/$${b}"] });
    const stackJson = JSON.parse(Testing.synth(new AzureDevOpsGovernanceStack(new App(), stackProps())));
    expect(onlyResource(stackJson, "azuredevops_check_approval").project_id).toBe("${data.azuredevops_project.Project.id}");
  });

  test("hcl synthesis writes the same arguments as blocks", () => {
    const s = stack();
    new BranchPolicyMinReviewers(s, "Min", { projectId: "p", reviewerCount: 1, scope: SCOPE });
    const hcl = Testing.synthHcl(s);
    expect(hcl).toContain('resource "azuredevops_branch_policy_min_reviewers" "Min"');
    expect(hcl).toMatch(/settings \{\s*reviewer_count = 1\s*scope \{\s*repository_id = "repo-id"/);
    expect(hcl).toContain('org_service_url = "https://dev.azure.com/contoso"');
  });

  test("refuses what the provider documents as invalid", () => {
    expect(() => new AzureDevOpsProvider(new TerraformStack(new App(), "x"), "p", { orgServiceUrl: "https://dev.azure.com/contoso/" })).toThrow(
      'x/p: orgServiceUrl "https://dev.azure.com/contoso/" is not an azure devops organization url',
    );
    expect(() => new BranchPolicyMinReviewers(stack(), "Min", { projectId: "p", reviewerCount: 0, onPushResetAllVotes: true, onPushResetApprovedVotes: false, scope: [] })).toThrow(
      "test/Min: reviewerCount 0 is out of range",
    );
    expect(() => new BranchPolicyMinReviewers(stack(), "Min", { projectId: "p", reviewerCount: 1, onPushResetAllVotes: true, onPushResetApprovedVotes: false, scope: [] })).toThrow(
      "test/Min: onPushResetAllVotes turns on onPushResetApprovedVotes; do not set it to false",
    );
    expect(() => new BranchPolicyMinReviewers(stack(), "Min", { projectId: "p", reviewerCount: 1, scope: [] })).toThrow("test/Min: scope is empty; give at least one scope");
    expect(() => new BranchPolicyMinReviewers(stack(), "Min", { projectId: "p", reviewerCount: 1, scope: [{ repositoryRef: "main" }] })).toThrow(
      'test/Min: an Exact scope has no qualified repositoryRef; set one such as "refs/heads/main"',
    );
    expect(() => new BranchPolicyMinReviewers(stack(), "Min", { projectId: "p", reviewerCount: 1, scope: [{ matchType: "DefaultBranch", repositoryId: "r" }] })).toThrow(
      "test/Min: a DefaultBranch scope takes no repositoryId or repositoryRef",
    );
    expect(() => new BranchPolicyAutoReviewers(stack(), "Auto", { projectId: "p", autoReviewerIds: ["a", "b"], minimumNumberOfReviewers: 2, scope: SCOPE })).toThrow(
      "test/Auto: minimumNumberOfReviewers above 1 needs exactly one reviewer group; use one group",
    );
    expect(() => new BranchPolicyAutoReviewers(stack(), "Auto", { projectId: "p", autoReviewerIds: [], scope: SCOPE })).toThrow("test/Auto: autoReviewerIds is empty");
    expect(() => new BranchPolicyBuildValidation(stack(), "B", { projectId: "p", buildDefinitionId: 1, displayName: " ", validDuration: -1, scope: SCOPE })).toThrow(
      "test/B: displayName is empty; name the policy",
    );
    expect(() => new BranchPolicyBuildValidation(stack(), "B", { projectId: "p", buildDefinitionId: 1, displayName: "x", validDuration: -1, scope: SCOPE })).toThrow("test/B: validDuration -1 is not valid");
    expect(() => new CheckApproval(stack(), "C", { projectId: "p", targetResourceId: "1", targetResourceType: "environment", approvers: [], timeout: 0 })).toThrow("test/C: approvers is empty");
    expect(() => new CheckApproval(stack(), "C", { projectId: "p", targetResourceId: "1", targetResourceType: "environment", approvers: ["a"], timeout: 0 })).toThrow("test/C: timeout 0 is not valid");
  });

  test("branch review refuses a missing build definition and repeated path rules", () => {
    const base = { projectId: "p", repositoryId: "r", branchRef: "refs/heads/main" };
    expect(() => new AzureDevOpsBranchReview(stack(), "Review", base)).toThrow(
      "test/Review: build validation is required but no pullRequestBuildDefinitionId is given; pass the pull-request pipeline's id or set requireBuildValidation to false",
    );
    const rules = [{ name: "prod", paths: [], reviewerIds: ["g"] }, { name: "prod", paths: ["/x"], reviewerIds: ["g"] }];
    const make = () => new AzureDevOpsBranchReview(stack(), "Review", { ...base, requireBuildValidation: false, pathReviewers: rules, requiredApprovals: 0 });
    expect(make).toThrow('test/Review: path reviewers "prod" are listed twice');
    expect(make).toThrow('test/Review: path reviewers "prod" have no paths');
    expect(make).toThrow("test/Review: requiredApprovals 0 is out of range");
  });
});

describe("AzureDevOpsGovernanceStack", () => {
  const json = JSON.parse(Testing.synth(new AzureDevOpsGovernanceStack(new App(), stackProps())));

  test("the infra repository's default branch: minimum reviewers, last pusher cannot approve, votes reset on push", () => {
    expect(onlyResource(json, "azuredevops_branch_policy_min_reviewers")).toEqual({
      project_id: "${data.azuredevops_project.Project.id}",
      enabled: true,
      blocking: true,
      settings: [
        {
          reviewer_count: 2,
          submitter_can_vote: false,
          last_pusher_cannot_approve: true,
          allow_completion_with_rejects_or_waits: false,
          on_push_reset_approved_votes: true,
          on_last_iteration_require_vote: true,
          scope: [{ repository_id: "${data.azuredevops_git_repository.InfraRepository.id}", repository_ref: "${data.azuredevops_git_repository.InfraRepository.default_branch}", match_type: "Exact" }],
        },
      ],
    });
  });

  test("build validation by the registered pull-request pipeline, expiring when the branch moves", () => {
    expect(json.data.azuredevops_build_definition.PullRequestPipeline).toEqual({ project_id: "${data.azuredevops_project.Project.id}", name: "pull-request", path: "\\cdktf-gitops" });
    expect(onlyResource(json, "azuredevops_branch_policy_build_validation").settings[0]).toMatchObject({
      build_definition_id: "${data.azuredevops_build_definition.PullRequestPipeline.id}",
      valid_duration: 0,
      queue_on_source_update_only: false,
      manual_queue_only: false,
    });
  });

  test("required reviewers per path: platform team everywhere, each environment's approvers on its spec and pins", () => {
    const rules = resourcesOf(json, "azuredevops_branch_policy_auto_reviewers").map((r) => r.settings[0]);
    const groups = json.data.azuredevops_group;
    const nameOf = (ref: string) => groups[/data\.azuredevops_group\.([^.]+)\.origin_id/.exec(ref)![1]].name;
    expect(rules.map((r) => ({ paths: r.path_filters, reviewers: r.auto_reviewer_ids.map(nameOf) }))).toEqual([
      { paths: ["/*"], reviewers: ["Platform Team"] },
      { paths: ["/environments/prod.ts", "/environments/pins/prod.json"], reviewers: ["Prod Approvers"] },
    ]);
    expect(Object.values(groups).map((g: any) => g.project_id)).toEqual(["${data.azuredevops_project.Project.id}", "${data.azuredevops_project.Project.id}"]);
  });

  test("group names: [Project]\\Group is a project group, [Organization]\\Group an organization group", () => {
    const { azureDevOpsGroupLookup } = require("../../stacks/azure-devops-governance-stack");
    expect(azureDevOpsGroupLookup("[platform]\\Prod Approvers", "Platform")).toEqual({ name: "Prod Approvers", projectScoped: true });
    expect(azureDevOpsGroupLookup("[contoso]\\Release Managers", "platform")).toEqual({ name: "Release Managers", projectScoped: false });
    expect(azureDevOpsGroupLookup("Approvers", "platform")).toEqual({ name: "Approvers", projectScoped: true });
  });

  test("every environment exists; prod has an approval check the requester cannot satisfy", () => {
    expect(resourcesOf(json, "azuredevops_environment").map((e) => e.name)).toEqual(["dev", "prod"]);
    const check = onlyResource(json, "azuredevops_check_approval");
    expect(check).toMatchObject({ target_resource_type: "environment", requester_can_approve: false, minimum_required_approvers: 1, timeout: 1440 });
    expect(check.target_resource_id).toMatch(/^\$\{azuredevops_environment\.Environment-prod_[0-9A-F]{8}\.id\}$/);
    expect(danglingReferences(json)).toEqual([]);
    expect(JSON.stringify(json)).not.toMatch(/personal_access_token|client_secret/);
  });
});
