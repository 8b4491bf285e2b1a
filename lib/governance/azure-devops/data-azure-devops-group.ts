import { TerraformMetaArguments } from "cdktf";
import { Construct } from "constructs";
import { AzureDevOpsDataSource } from "./azure-devops-element";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `DataAzureDevOpsGroup`: data `azuredevops_group` by name. */
export interface DataAzureDevOpsGroupConfig extends TerraformMetaArguments {
  readonly name: string;
  /** @default - project collection groups are searched */
  readonly projectId?: string;
}

/**
 * Data source `azuredevops_group` (microsoft/azuredevops 1.16). Reviewer and approver lists take a group's
 * `origin_id` (as the provider's own examples and acceptance tests do); `id` is the group's descriptor.
 */
export class DataAzureDevOpsGroup extends AzureDevOpsDataSource {
  public static readonly tfResourceType = "azuredevops_group";

  constructor(scope: Construct, id: string, private readonly config: DataAzureDevOpsGroupConfig) {
    super(scope, id, DataAzureDevOpsGroup.tfResourceType, config);
  }

  /** The group's id in its system of origin: what reviewer and approver lists take. */
  public get originId(): string {
    return this.getStringAttribute("origin_id");
  }

  public terraformArguments(): AttributeBlock {
    return { name: this.config.name, project_id: this.config.projectId };
  }
}
