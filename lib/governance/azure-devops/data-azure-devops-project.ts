import { TerraformMetaArguments } from "cdktf";
import { Construct } from "constructs";
import { AzureDevOpsDataSource } from "./azure-devops-element";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `DataAzureDevOpsProject`: data `azuredevops_project` by name. */
export interface DataAzureDevOpsProjectConfig extends TerraformMetaArguments {
  readonly name: string;
}

/** Data source `azuredevops_project` (microsoft/azuredevops 1.16): looks a project up by name; `id` is its id. */
export class DataAzureDevOpsProject extends AzureDevOpsDataSource {
  public static readonly tfResourceType = "azuredevops_project";

  constructor(scope: Construct, id: string, private readonly config: DataAzureDevOpsProjectConfig) {
    super(scope, id, DataAzureDevOpsProject.tfResourceType, config);
  }

  public terraformArguments(): AttributeBlock {
    return { name: this.config.name };
  }
}
