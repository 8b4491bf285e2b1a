import { TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { ENVIRONMENTS_FOLDER } from "../lib/core/gitops-layout";
import { azureDevOpsEnvironmentName } from "../lib/delivery/federation";
import { ResolvedGovernance } from "../lib/environment/governance-spec";
import { ResolvedRemoteState } from "../lib/environment/resolve-platform";
import { AzureDevOpsProvider } from "../lib/governance/azure-devops/azure-devops-provider";
import { DataAzureDevOpsBuildDefinition } from "../lib/governance/azure-devops/data-azure-devops-build-definition";
import { DataAzureDevOpsGitRepository } from "../lib/governance/azure-devops/data-azure-devops-git-repository";
import { DataAzureDevOpsGroup } from "../lib/governance/azure-devops/data-azure-devops-group";
import { DataAzureDevOpsProject } from "../lib/governance/azure-devops/data-azure-devops-project";
import { AzureDevOpsBranchReview, PathReviewers } from "../lib/governance/azure-devops-branch-review";
import { AzureDevOpsEnvironmentApproval } from "../lib/governance/azure-devops-environment-approval";
import { addGovernanceStateBackend } from "../lib/governance/governance-state";

/** What Azure DevOps governance needs to know about one environment. */
export interface AzureDevOpsGovernedEnvironment {
  /** The platform environment's name (its Azure DevOps environment is named by `azureDevOpsEnvironmentName`). */
  readonly name: string;
  /** Azure DevOps groups that approve the environment's apply, `Group` or `[Project]\Group`; empty: no approval. */
  readonly approvers: readonly string[];
}

const QUALIFIED_GROUP = /^\[([^\]]+)\]\\(.+)$/;

/**
 * How the `azuredevops_group` data source finds a group: `[Project]\Group` or `Group` is a group of the project,
 * `[Organization]\Group` (any other prefix) a group of the organization (project collection).
 */
export function azureDevOpsGroupLookup(name: string, project: string): { readonly name: string; readonly projectScoped: boolean } {
  const match = QUALIFIED_GROUP.exec(name);
  if (!match) return { name, projectScoped: true };
  return { name: match[2], projectScoped: match[1].toLowerCase() === project.toLowerCase() };
}

/** Props of an `AzureDevOpsGovernanceStack`. */
export interface AzureDevOpsGovernanceStackProps {
  readonly governance: ResolvedGovernance;
  /** `https://dev.azure.com/<organization>`. */
  readonly orgServiceUrl: string;
  /** The project of the infra repository and its pipelines. */
  readonly project: string;
  /** The infra repository's name. */
  readonly infraRepository: string;
  /** The registered pull-request pipeline (build definition) that must pass. */
  readonly pullRequestPipeline: { readonly name: string; readonly path?: string };
  /** The environments, in promotion order. */
  readonly environments: readonly AzureDevOpsGovernedEnvironment[];
  /**
   * Folder of the environment specs in the infra repository.
   * @default "environments"
   */
  readonly environmentsFolder?: string;
  /**
   * Where the stack keeps its state.
   * @default - a local file at the project root, like the `state` stack
   */
  readonly remoteState?: ResolvedRemoteState;
}

/**
 * `governance` for Azure DevOps: branch policies on the infra repository's default branch (minimum reviewers,
 * last pusher cannot approve, build validation by the pull-request pipeline, the platform team on every path and
 * each environment's approvers on its spec and pins) and one Azure DevOps environment per platform environment,
 * with an approval check where the spec names approvers. Applied by a project administrator with a token in
 * `AZDO_PERSONAL_ACCESS_TOKEN`, never in the JSON.
 */
export class AzureDevOpsGovernanceStack extends TerraformStack {
  public readonly branchReview: AzureDevOpsBranchReview;
  /** Azure DevOps environments by name. */
  public readonly environments: Readonly<Record<string, AzureDevOpsEnvironmentApproval>>;

  constructor(scope: Construct, props: AzureDevOpsGovernanceStackProps) {
    super(scope, "governance");
    addGovernanceStateBackend(this, props.remoteState);
    new AzureDevOpsProvider(this, "azuredevops", { orgServiceUrl: props.orgServiceUrl });
    const project = new DataAzureDevOpsProject(this, "Project", { name: props.project });
    const repository = new DataAzureDevOpsGitRepository(this, "InfraRepository", { projectId: project.id, name: props.infraRepository });
    const pipeline = new DataAzureDevOpsBuildDefinition(this, "PullRequestPipeline", { projectId: project.id, ...props.pullRequestPipeline });
    const groups = new Map<string, DataAzureDevOpsGroup>();
    const group = (qualified: string): string => {
      if (!groups.has(qualified)) {
        const lookup = azureDevOpsGroupLookup(qualified, props.project);
        groups.set(qualified, new DataAzureDevOpsGroup(this, `Group-${groups.size}`, { name: lookup.name, projectId: lookup.projectScoped ? project.id : undefined }));
      }
      return groups.get(qualified)!.originId;
    };
    const folder = (props.environmentsFolder ?? ENVIRONMENTS_FOLDER).replace(/^\/+|\/+$/g, "");
    // Azure DevOps adds every matching required-reviewer policy (unlike CODEOWNERS, where the last line wins), so
    // an environment's spec needs both the platform team and the environment's approvers.
    const pathReviewers: PathReviewers[] = [{ name: "platform", paths: ["/*"], reviewerIds: [group(props.governance.platformTeam)] }];
    for (const env of props.environments) {
      if (env.approvers.length === 0) continue;
      pathReviewers.push({ name: env.name, paths: [`/${folder}/${env.name}.ts`, `/${folder}/pins/${env.name}.json`], reviewerIds: env.approvers.map(group) });
    }
    this.branchReview = new AzureDevOpsBranchReview(this, "InfraBranchReview", {
      projectId: project.id,
      repositoryId: repository.id,
      branchRef: repository.defaultBranch,
      requiredApprovals: props.governance.requiredApprovals,
      pullRequestBuildDefinitionId: Token.asNumber(pipeline.id),
      pathReviewers,
    });
    const environments: Record<string, AzureDevOpsEnvironmentApproval> = {};
    for (const env of props.environments) {
      const name = azureDevOpsEnvironmentName(env.name, "apply");
      environments[name] = new AzureDevOpsEnvironmentApproval(this, `Environment-${name}`, {
        projectId: project.id,
        name,
        approverIds: env.approvers.map(group),
      });
    }
    this.environments = environments;
  }
}
