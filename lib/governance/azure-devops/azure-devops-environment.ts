import { TerraformMetaArguments } from "cdktf";
import { Construct } from "constructs";
import { throwIfProblems } from "../../core/validation-error";
import { AzureDevOpsResource } from "./azure-devops-element";
import { AttributeBlock } from "./terraform-attributes";

/** Config of `AzureDevOpsEnvironment`: the documented arguments of `azuredevops_environment`. */
export interface AzureDevOpsEnvironmentConfig extends TerraformMetaArguments {
  /** The project id (changing it replaces the environment). */
  readonly projectId: string;
  /** The environment name, as the pipelines' `deployment` jobs name it. */
  readonly name: string;
  /** @default - none */
  readonly description?: string;
}

/** `azuredevops_environment` (microsoft/azuredevops 1.16, arguments as documented). */
export class AzureDevOpsEnvironment extends AzureDevOpsResource {
  public static readonly tfResourceType = "azuredevops_environment";

  constructor(scope: Construct, id: string, private readonly config: AzureDevOpsEnvironmentConfig) {
    super(scope, id, AzureDevOpsEnvironment.tfResourceType, config);
    const problems: string[] = [];
    if (config.name.trim() === "" || config.name.length > 256) problems.push(`${this.node.path}: name "${config.name}" is not valid; use 1-256 characters`);
    throwIfProblems("azure devops environment", problems);
  }

  public terraformArguments(): AttributeBlock {
    return { project_id: this.config.projectId, name: this.config.name, description: this.config.description };
  }
}
