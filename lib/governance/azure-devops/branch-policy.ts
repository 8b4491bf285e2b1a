import { TerraformMetaArguments } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../../core/validation-error";
import { AzureDevOpsResource } from "./azure-devops-element";
import { BranchPolicyScope, scopeArguments, scopeProblems } from "./branch-policy-scope";
import { AttributeBlock } from "./terraform-attributes";

/** The arguments every `azuredevops_branch_policy_*` resource has. */
export interface BranchPolicyConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /** @default true */
  readonly enabled?: boolean;
  /** The policy blocks completion while it is not met (auto reviewers: the reviewers are required, not optional). @default true */
  readonly blocking?: boolean;
  /** Which repositories and branches. */
  readonly scope: readonly BranchPolicyScope[];
}

/**
 * Base of the branch policies: the project, `enabled`, `blocking`, and one `settings` block that holds the
 * policy's own settings and its scope blocks. Every problem of the scope and the settings is reported in one
 * error, at construction.
 */
export abstract class BranchPolicy<Config extends BranchPolicyConfig> extends AzureDevOpsResource {
  constructor(
    scope: Construct,
    id: string,
    type: string,
    protected readonly config: Config,
  ) {
    super(scope, id, type, config);
    throwIfProblems("azure devops branch policy", [...scopeProblems(this.node.path, config.scope), ...this.settingsProblems(config)]);
  }

  /** The problems of the policy's own settings, each naming `this.node.path`. */
  protected abstract settingsProblems(config: Config): string[];

  /** The policy's own arguments in the `settings` block (the scope blocks follow them). */
  protected abstract settings(config: Config): AttributeBlock;

  public terraformArguments(): AttributeBlock {
    const c = this.config;
    return { project_id: c.projectId, enabled: c.enabled, blocking: c.blocking, settings: [{ ...this.settings(c), scope: c.scope.map(scopeArguments) }] };
  }
}
