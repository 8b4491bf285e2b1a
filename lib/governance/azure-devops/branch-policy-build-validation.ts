import { Construct } from "constructs";
import { BranchPolicy, BranchPolicyConfig } from "./branch-policy";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `BranchPolicyBuildValidation`: the documented arguments of `azuredevops_branch_policy_build_validation`. */
export interface BranchPolicyBuildValidationConfig extends BranchPolicyConfig {
  /** The build (pipeline) definition that must succeed. */
  readonly buildDefinitionId: number;
  /** Display name of the policy. */
  readonly displayName: string;
  /** The build must be queued by hand. @default false */
  readonly manualQueueOnly?: boolean;
  /** Queue on source updates only. @default true */
  readonly queueOnSourceUpdateOnly?: boolean;
  /** Minutes a build stays valid; 0: never expires. @default 720 */
  readonly validDuration?: number;
  /** Path filters (`!` excludes). @default - every change */
  readonly filenamePatterns?: readonly string[];
}

/** `azuredevops_branch_policy_build_validation` (microsoft/azuredevops 1.16, arguments as documented). */
export class BranchPolicyBuildValidation extends BranchPolicy<BranchPolicyBuildValidationConfig> {
  public static readonly tfResourceType = "azuredevops_branch_policy_build_validation";

  constructor(scope: Construct, id: string, config: BranchPolicyBuildValidationConfig) {
    super(scope, id, BranchPolicyBuildValidation.tfResourceType, config);
  }

  protected settingsProblems(config: BranchPolicyBuildValidationConfig): string[] {
    const problems: string[] = [];
    if (config.displayName.trim() === "") problems.push(`${this.node.path}: displayName is empty; name the policy`);
    if (config.validDuration !== undefined && (!Number.isInteger(config.validDuration) || config.validDuration < 0)) {
      problems.push(`${this.node.path}: validDuration ${config.validDuration} is not valid; use whole minutes, 0 for never expiring`);
    }
    return problems;
  }

  protected settings(c: BranchPolicyBuildValidationConfig): AttributeBlock {
    return {
      build_definition_id: c.buildDefinitionId,
      display_name: c.displayName,
      manual_queue_only: c.manualQueueOnly,
      queue_on_source_update_only: c.queueOnSourceUpdateOnly,
      valid_duration: c.validDuration,
      filename_patterns: c.filenamePatterns,
    };
  }
}
