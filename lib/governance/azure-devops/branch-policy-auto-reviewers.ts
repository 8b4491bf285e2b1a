import { TerraformMetaArguments } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../../core/validation-error";
import { AzureDevOpsResource } from "./azure-devops-element";
import { BranchPolicyScope, scopeArguments, scopeProblems } from "./branch-policy-scope";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `BranchPolicyAutoReviewers`: the documented arguments of `azuredevops_branch_policy_auto_reviewers`. */
export interface BranchPolicyAutoReviewersConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /** @default true */
  readonly enabled?: boolean;
  /** Required (true) or optional (false) reviewers. @default true */
  readonly blocking?: boolean;
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
  /** Which repositories and branches. */
  readonly scope: readonly BranchPolicyScope[];
}

/** `azuredevops_branch_policy_auto_reviewers` (microsoft/azuredevops 1.16, arguments as documented). */
export class BranchPolicyAutoReviewers extends AzureDevOpsResource {
  public static readonly tfResourceType = "azuredevops_branch_policy_auto_reviewers";

  constructor(scope: Construct, id: string, private readonly config: BranchPolicyAutoReviewersConfig) {
    super(scope, id, BranchPolicyAutoReviewers.tfResourceType, config);
    const problems = scopeProblems(this.node.path, config.scope);
    if (config.autoReviewerIds.length === 0) problems.push(`${this.node.path}: autoReviewerIds is empty; give at least one reviewer`);
    const minimum = config.minimumNumberOfReviewers;
    if (minimum !== undefined && (!Number.isInteger(minimum) || minimum < 1)) {
      problems.push(`${this.node.path}: minimumNumberOfReviewers ${minimum} is not valid; use a whole number of at least 1`);
    }
    if (minimum !== undefined && minimum > 1 && config.autoReviewerIds.length !== 1) {
      problems.push(`${this.node.path}: minimumNumberOfReviewers above 1 needs exactly one reviewer group; use one group`);
    }
    throwIfProblems("azure devops branch policy", problems);
  }

  protected terraformArguments(): AttributeBlock {
    const c = this.config;
    return {
      project_id: c.projectId,
      enabled: c.enabled,
      blocking: c.blocking,
      settings: [
        {
          auto_reviewer_ids: c.autoReviewerIds,
          path_filters: c.pathFilters,
          submitter_can_vote: c.submitterCanVote,
          message: c.message,
          minimum_number_of_reviewers: c.minimumNumberOfReviewers,
          scope: c.scope.map(scopeArguments),
        },
      ],
    };
  }
}
