import { TerraformMetaArguments } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../../core/validation-error";
import { AzureDevOpsResource } from "./azure-devops-element";
import { BranchPolicyScope, scopeArguments, scopeProblems } from "./branch-policy-scope";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `BranchPolicyBuildValidation`: the documented arguments of `azuredevops_branch_policy_build_validation`. */
export interface BranchPolicyBuildValidationConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /** @default true */
  readonly enabled?: boolean;
  /** @default true */
  readonly blocking?: boolean;
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
  /** Which repositories and branches. */
  readonly scope: readonly BranchPolicyScope[];
}

/** `azuredevops_branch_policy_build_validation` (microsoft/azuredevops 1.16, arguments as documented). */
export class BranchPolicyBuildValidation extends AzureDevOpsResource {
  public static readonly tfResourceType = "azuredevops_branch_policy_build_validation";

  constructor(scope: Construct, id: string, private readonly config: BranchPolicyBuildValidationConfig) {
    super(scope, id, BranchPolicyBuildValidation.tfResourceType, config);
    const problems = scopeProblems(this.node.path, config.scope);
    if (config.displayName.trim() === "") problems.push(`${this.node.path}: displayName is empty; name the policy`);
    if (config.validDuration !== undefined && (!Number.isInteger(config.validDuration) || config.validDuration < 0)) {
      problems.push(`${this.node.path}: validDuration ${config.validDuration} is not valid; use whole minutes, 0 for never expiring`);
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
          build_definition_id: c.buildDefinitionId,
          display_name: c.displayName,
          manual_queue_only: c.manualQueueOnly,
          queue_on_source_update_only: c.queueOnSourceUpdateOnly,
          valid_duration: c.validDuration,
          filename_patterns: c.filenamePatterns,
          scope: c.scope.map(scopeArguments),
        },
      ],
    };
  }
}
