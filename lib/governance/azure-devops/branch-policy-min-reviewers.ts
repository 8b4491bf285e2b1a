import { Construct } from "constructs";
import { BranchPolicy, BranchPolicyConfig } from "./branch-policy";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `BranchPolicyMinReviewers`: the documented arguments of `azuredevops_branch_policy_min_reviewers`. */
export interface BranchPolicyMinReviewersConfig extends BranchPolicyConfig {
  /** Reviewers needed to approve (1-10). */
  readonly reviewerCount: number;
  /** Allow requesters to approve their own changes. @default false */
  readonly submitterCanVote?: boolean;
  /** Prohibit the most recent pusher from approving their own changes. @default false */
  readonly lastPusherCannotApprove?: boolean;
  /** Allow completion even if some reviewers vote to wait or reject. @default false */
  readonly allowCompletionWithRejectsOrWaits?: boolean;
  /** Reset approval votes on push (not rejects or waits). @default false */
  readonly onPushResetApprovedVotes?: boolean;
  /** Reset all votes on push (turns on `onPushResetApprovedVotes`). @default false */
  readonly onPushResetAllVotes?: boolean;
  /** Require a vote on the last iteration. @default false */
  readonly onLastIterationRequireVote?: boolean;
}

/** `azuredevops_branch_policy_min_reviewers` (microsoft/azuredevops 1.16, arguments as documented). */
export class BranchPolicyMinReviewers extends BranchPolicy<BranchPolicyMinReviewersConfig> {
  public static readonly tfResourceType = "azuredevops_branch_policy_min_reviewers";

  constructor(scope: Construct, id: string, config: BranchPolicyMinReviewersConfig) {
    super(scope, id, BranchPolicyMinReviewers.tfResourceType, config);
  }

  protected settingsProblems(config: BranchPolicyMinReviewersConfig): string[] {
    const problems: string[] = [];
    if (!Number.isInteger(config.reviewerCount) || config.reviewerCount < 1 || config.reviewerCount > 10) {
      problems.push(`${this.node.path}: reviewerCount ${config.reviewerCount} is out of range; use a whole number from 1 to 10`);
    }
    if (config.onPushResetAllVotes && config.onPushResetApprovedVotes === false) {
      problems.push(`${this.node.path}: onPushResetAllVotes turns on onPushResetApprovedVotes; do not set it to false`);
    }
    return problems;
  }

  protected settings(c: BranchPolicyMinReviewersConfig): AttributeBlock {
    return {
      reviewer_count: c.reviewerCount,
      submitter_can_vote: c.submitterCanVote,
      last_pusher_cannot_approve: c.lastPusherCannotApprove,
      allow_completion_with_rejects_or_waits: c.allowCompletionWithRejectsOrWaits,
      on_push_reset_approved_votes: c.onPushResetApprovedVotes,
      on_push_reset_all_votes: c.onPushResetAllVotes,
      on_last_iteration_require_vote: c.onLastIterationRequireVote,
    };
  }
}
