import { TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import { AzureDevOpsEnvironment } from "./azure-devops/azure-devops-environment";
import { CheckApproval } from "./azure-devops/check-approval";

/** Approvals time out after this many minutes unless given: one day, so a stale run does not wait for a month. */
export const DEFAULT_APPROVAL_TIMEOUT_MINUTES = 1440;

/** Props of an `AzureDevOpsEnvironmentApproval`. */
export interface AzureDevOpsEnvironmentApprovalProps {
  readonly projectId: string;
  /** The Azure DevOps environment name the pipeline's `deployment` jobs use. */
  readonly name: string;
  /**
   * Approver ids (groups by `origin_id`); one approval from any of them lets the stage run.
   * @default - none: the environment has no approval check
   */
  readonly approverIds?: readonly string[];
  /**
   * Minutes before a pending approval fails the run.
   * @default 1440
   */
  readonly timeoutMinutes?: number;
  /**
   * The azuredevops provider.
   * @default - the stack's default azuredevops provider
   */
  readonly provider?: TerraformProvider;
}

/** An Azure DevOps environment and, when it has approvers, an approval check on it that the requester cannot satisfy. */
export class AzureDevOpsEnvironmentApproval extends Construct {
  public readonly environment: AzureDevOpsEnvironment;
  public readonly approval?: CheckApproval;

  constructor(scope: Construct, id: string, props: AzureDevOpsEnvironmentApprovalProps) {
    super(scope, id);
    this.environment = new AzureDevOpsEnvironment(this, "Resource", {
      projectId: props.projectId,
      name: props.name,
      description: "managed by cdktf-gitops governance",
      provider: props.provider,
    });
    const approvers = props.approverIds ?? [];
    if (approvers.length === 0) return;
    this.approval = new CheckApproval(this, "Approval", {
      projectId: props.projectId,
      targetResourceId: this.environment.id,
      targetResourceType: "environment",
      approvers,
      minimumRequiredApprovers: 1,
      requesterCanApprove: false,
      timeout: props.timeoutMinutes ?? DEFAULT_APPROVAL_TIMEOUT_MINUTES,
      instructions: `approve the apply of ${props.name} after reading its plan in the run`,
      provider: props.provider,
    });
  }
}
