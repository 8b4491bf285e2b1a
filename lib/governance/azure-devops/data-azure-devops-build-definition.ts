import { TerraformMetaArguments } from "cdktf";
import { Construct } from "constructs";
import { AzureDevOpsDataSource } from "./azure-devops-element";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `DataAzureDevOpsBuildDefinition`: data `azuredevops_build_definition` by project, name and path. */
export interface DataAzureDevOpsBuildDefinitionConfig extends TerraformMetaArguments {
  readonly projectId: string;
  readonly name: string;
  /** Folder of the definition. @default "\\" */
  readonly path?: string;
}

/** Data source `azuredevops_build_definition` (microsoft/azuredevops 1.16): a registered pipeline; `id` is its id. */
export class DataAzureDevOpsBuildDefinition extends AzureDevOpsDataSource {
  public static readonly tfResourceType = "azuredevops_build_definition";

  constructor(scope: Construct, id: string, private readonly config: DataAzureDevOpsBuildDefinitionConfig) {
    super(scope, id, DataAzureDevOpsBuildDefinition.tfResourceType, config);
  }

  public terraformArguments(): AttributeBlock {
    return { project_id: this.config.projectId, name: this.config.name, path: this.config.path };
  }
}
