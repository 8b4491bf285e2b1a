import { TerraformMetaArguments } from "cdktf";
import { Construct } from "constructs";
import { AzureDevOpsDataSource } from "./azure-devops-element";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `DataAzureDevOpsGitRepository`: data `azuredevops_git_repository` by project and name. */
export interface DataAzureDevOpsGitRepositoryConfig extends TerraformMetaArguments {
  readonly projectId: string;
  readonly name: string;
}

/** Data source `azuredevops_git_repository` (microsoft/azuredevops 1.16): `id` and `defaultBranch` (a ref). */
export class DataAzureDevOpsGitRepository extends AzureDevOpsDataSource {
  public static readonly tfResourceType = "azuredevops_git_repository";

  constructor(scope: Construct, id: string, private readonly config: DataAzureDevOpsGitRepositoryConfig) {
    super(scope, id, DataAzureDevOpsGitRepository.tfResourceType, config);
  }

  /** The ref of the default branch, e.g. `refs/heads/main`. */
  public get defaultBranch(): string {
    return this.getStringAttribute("default_branch");
  }

  public terraformArguments(): AttributeBlock {
    return { project_id: this.config.projectId, name: this.config.name };
  }
}
