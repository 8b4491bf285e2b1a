import { Construct } from "constructs";
import { BranchPolicy, BranchPolicyConfig } from "./branch-policy";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `BranchPolicyAutoReviewers`: the documented arguments of `azuredevops_branch_policy_auto_reviewers`. */
export interface BranchPolicyAutoReviewersConfig extends BranchPolicyConfig {
  /** Reviewer ids (users, or groups by `origin_id`). */
  readonly autoReviewerIds: readonly string[];
  /** Paths the policy applies to, e.g. `/environments/prod.ts`. @default - every path */
  readonly pathFilters?: readonly string[];
  /** The submitter's vote counts. @default false */
  readonly submitterCanVote?: boolean;
  /** Activity feed message. @default - none */
  readonly message?: string;
  /** Minimum reviewers (more than 1 only with exactly one group). @default 1 */
  readonly minimumNumberOfReviewers?: number;
}

/** `azuredevops_branch_policy_auto_reviewers` (microsoft/azuredevops 1.16, arguments as documented). */
export class BranchPolicyAutoReviewers extends BranchPolicy<BranchPolicyAutoReviewersConfig> {
  public static readonly tfResourceType = "azuredevops_branch_policy_auto_reviewers";

  constructor(scope: Construct, id: string, config: BranchPolicyAutoReviewersConfig) {
    super(scope, id, BranchPolicyAutoReviewers.tfResourceType, config);
  }

  protected settingsProblems(config: BranchPolicyAutoReviewersConfig): string[] {
    const problems: string[] = [];
    if (config.autoReviewerIds.length === 0) problems.push(`${this.node.path}: autoReviewerIds is empty; give at least one reviewer`);
    const minimum = config.minimumNumberOfReviewers;
    if (minimum !== undefined && (!Number.isInteger(minimum) || minimum < 1)) {
      problems.push(`${this.node.path}: minimumNumberOfReviewers ${minimum} is not valid; use a whole number of at least 1`);
    }
    if (minimum !== undefined && minimum > 1 && config.autoReviewerIds.length !== 1) {
      problems.push(`${this.node.path}: minimumNumberOfReviewers above 1 needs exactly one reviewer group; use one group`);
    }
    return problems;
  }

  protected settings(c: BranchPolicyAutoReviewersConfig): AttributeBlock {
    return {
      auto_reviewer_ids: c.autoReviewerIds,
      path_filters: c.pathFilters,
      submitter_can_vote: c.submitterCanVote,
      message: c.message,
      minimum_number_of_reviewers: c.minimumNumberOfReviewers,
    };
  }
}
