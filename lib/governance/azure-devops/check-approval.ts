import { TerraformMetaArguments } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../../core/validation-error";
import { AzureDevOpsResource } from "./azure-devops-element";
import { AttributeBlock } from "./terraform-attributes";

/** Resource types an approval check can protect (as documented). */
export type CheckTargetType = "endpoint" | "environment" | "queue" | "repository" | "securefile" | "variablegroup";

/** Config of `CheckApproval`: the documented arguments of `azuredevops_check_approval`. */
export interface CheckApprovalConfig extends TerraformMetaArguments {
  readonly projectId: string;
  /** Id of the protected resource (e.g. an environment). */
  readonly targetResourceId: string;
  readonly targetResourceType: CheckTargetType;
  /** Approver ids (users, or groups by `origin_id`). */
  readonly approvers: readonly string[];
  /** @default - none */
  readonly instructions?: string;
  /** Approvals needed (when there is more than one approver). @default - all approvers */
  readonly minimumRequiredApprovers?: number;
  /** The requester may approve. @default false */
  readonly requesterCanApprove?: boolean;
  /** Minutes before the approval times out. @default 43200 */
  readonly timeout?: number;
}

/** `azuredevops_check_approval` (microsoft/azuredevops 1.16, arguments as documented). */
export class CheckApproval extends AzureDevOpsResource {
  public static readonly tfResourceType = "azuredevops_check_approval";

  constructor(scope: Construct, id: string, private readonly config: CheckApprovalConfig) {
    super(scope, id, CheckApproval.tfResourceType, config);
    const problems: string[] = [];
    if (config.approvers.length === 0) problems.push(`${this.node.path}: approvers is empty; give at least one approver`);
    const minimum = config.minimumRequiredApprovers;
    if (minimum !== undefined && (!Number.isInteger(minimum) || minimum < 1)) {
      problems.push(`${this.node.path}: minimumRequiredApprovers ${minimum} is not valid; use a whole number of at least 1`);
    }
    if (config.timeout !== undefined && (!Number.isInteger(config.timeout) || config.timeout < 1)) {
      problems.push(`${this.node.path}: timeout ${config.timeout} is not valid; use whole minutes of at least 1`);
    }
    throwIfProblems("azure devops approval check", problems);
  }

  public terraformArguments(): AttributeBlock {
    const c = this.config;
    return {
      project_id: c.projectId,
      target_resource_id: c.targetResourceId,
      target_resource_type: c.targetResourceType,
      approvers: c.approvers,
      instructions: c.instructions,
      minimum_required_approvers: c.minimumRequiredApprovers,
      requester_can_approve: c.requesterCanApprove,
      timeout: c.timeout,
    };
  }
}
