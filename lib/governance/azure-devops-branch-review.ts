import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../core/validation-error";
import { DEFAULT_REQUIRED_APPROVALS, MAX_REQUIRED_APPROVALS } from "../environment/governance-spec";
import { BranchPolicyAutoReviewers } from "./azure-devops/branch-policy-auto-reviewers";
import { BranchPolicyBuildValidation } from "./azure-devops/branch-policy-build-validation";
import { BranchPolicyMinReviewers } from "./azure-devops/branch-policy-min-reviewers";
import { BranchPolicyScope } from "./azure-devops/branch-policy-scope";

/** Reviewers that Azure DevOps adds, as required, to every pull request touching some paths. */
export interface PathReviewers {
  /** What the rule is for, used as its construct id and activity-feed message, e.g. `prod`. */
  readonly name: string;
  /** Path filters, e.g. `/environments/prod.ts`. */
  readonly paths: readonly string[];
  /** Reviewer ids (groups by `origin_id`). */
  readonly reviewerIds: readonly string[];
}

/** Props of an `AzureDevOpsBranchReview`. */
export interface AzureDevOpsBranchReviewProps {
  readonly projectId: string;
  readonly repositoryId: string;
  /** The protected branch, a qualified ref such as `refs/heads/main` (e.g. the repository's `defaultBranch`). */
  readonly branchRef: string;
  /**
   * Approvals a pull request needs (1-10).
   * @default 1
   */
  readonly requiredApprovals?: number;
  /**
   * The pull-request pipeline's build definition id; its run must succeed on the latest change.
   * @default - no build validation (allowed only with `requireBuildValidation: false`)
   */
  readonly pullRequestBuildDefinitionId?: number;
  /**
   * Require the pull-request pipeline to pass.
   * @default true
   */
  readonly requireBuildValidation?: boolean;
  /**
   * Required reviewers per path (every matching rule applies: Azure DevOps adds them all).
   * @default - none
   */
  readonly pathReviewers?: readonly PathReviewers[];
  /**
   * The azuredevops provider.
   * @default - the stack's default azuredevops provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * Azure DevOps branch policies for a reviewed-pull-request-only branch: minimum reviewers (requester's vote does
 * not count, the last pusher cannot approve, approvals reset on push, rejections block, a vote on the last
 * iteration), build validation by the pull-request pipeline (expires when the branch moves), and required
 * reviewers per path. A branch with required policies cannot be deleted and takes changes only by pull request.
 */
export class AzureDevOpsBranchReview extends Construct {
  public readonly minimumReviewers: BranchPolicyMinReviewers;
  public readonly buildValidation?: BranchPolicyBuildValidation;
  public readonly pathReviewers: readonly BranchPolicyAutoReviewers[];

  constructor(scope: Construct, id: string, props: AzureDevOpsBranchReviewProps) {
    super(scope, id);
    const approvals = props.requiredApprovals ?? DEFAULT_REQUIRED_APPROVALS;
    const requireBuild = props.requireBuildValidation ?? true;
    const problems: string[] = [];
    if (!Number.isInteger(approvals) || approvals < 1 || approvals > MAX_REQUIRED_APPROVALS) {
      problems.push(`${this.node.path}: requiredApprovals ${approvals} is out of range; use a whole number from 1 to ${MAX_REQUIRED_APPROVALS}`);
    }
    if (requireBuild && props.pullRequestBuildDefinitionId === undefined) {
      problems.push(`${this.node.path}: build validation is required but no pullRequestBuildDefinitionId is given; pass the pull-request pipeline's id or set requireBuildValidation to false`);
    }
    const names = new Set<string>();
    for (const rule of props.pathReviewers ?? []) {
      if (names.has(rule.name)) problems.push(`${this.node.path}: path reviewers "${rule.name}" are listed twice; give each rule its own name`);
      names.add(rule.name);
      if (rule.paths.length === 0) problems.push(`${this.node.path}: path reviewers "${rule.name}" have no paths; give at least one path`);
    }
    throwIfProblems("azure devops branch review", problems);
    const common = { projectId: props.projectId, provider: props.provider, enabled: true, blocking: true };
    const branch: BranchPolicyScope[] = [{ repositoryId: props.repositoryId, repositoryRef: props.branchRef, matchType: "Exact" }];
    this.minimumReviewers = new BranchPolicyMinReviewers(this, "MinimumReviewers", {
      ...common,
      reviewerCount: approvals,
      submitterCanVote: false,
      lastPusherCannotApprove: true,
      allowCompletionWithRejectsOrWaits: false,
      onPushResetApprovedVotes: true,
      onLastIterationRequireVote: true,
      scope: branch,
    });
    if (requireBuild) {
      // valid_duration 0 with queue_on_source_update_only false: the result expires as soon as the target branch moves.
      this.buildValidation = new BranchPolicyBuildValidation(this, "BuildValidation", {
        ...common,
        buildDefinitionId: props.pullRequestBuildDefinitionId!,
        displayName: "pull-request pipeline",
        manualQueueOnly: false,
        queueOnSourceUpdateOnly: false,
        validDuration: 0,
        scope: branch,
      });
    }
    this.pathReviewers = (props.pathReviewers ?? []).map(
      (rule) =>
        new BranchPolicyAutoReviewers(this, `Reviewers-${rule.name}`, {
          ...common,
          autoReviewerIds: rule.reviewerIds,
          pathFilters: rule.paths,
          submitterCanVote: false,
          message: `required reviewers: ${rule.name}`,
          scope: branch,
        }),
    );
  }
}
