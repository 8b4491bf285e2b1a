import { TerraformDataSource, TerraformMetaArguments, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { AZURE_DEVOPS_METADATA } from "./azure-devops-provider";
import { AttributeBlock, hclAttributes, jsonAttributes } from "./terraform-attributes";

/**
 * Base of the hand-written microsoft/azuredevops resources: a subclass gives the resource type and its
 * arguments (snake_case, as the provider documents them), checked by its typed config.
 */
export abstract class AzureDevOpsResource extends TerraformResource {
  constructor(scope: Construct, id: string, type: string, meta: TerraformMetaArguments) {
    super(scope, id, { ...meta, terraformResourceType: type, terraformGeneratorMetadata: AZURE_DEVOPS_METADATA });
  }

  /** The resource's arguments. */
  protected abstract terraformArguments(): AttributeBlock;

  /** The `id` attribute. */
  public get id(): string {
    return this.getStringAttribute("id");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return jsonAttributes(this.terraformArguments());
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return hclAttributes(this.terraformArguments());
  }
}

/** Base of the hand-written microsoft/azuredevops data sources. */
export abstract class AzureDevOpsDataSource extends TerraformDataSource {
  constructor(scope: Construct, id: string, type: string, meta: TerraformMetaArguments) {
    super(scope, id, { ...meta, terraformResourceType: type, terraformGeneratorMetadata: AZURE_DEVOPS_METADATA });
  }

  /** The data source's arguments. */
  protected abstract terraformArguments(): AttributeBlock;

  /** The `id` attribute. */
  public get id(): string {
    return this.getStringAttribute("id");
  }

  protected synthesizeAttributes(): Record<string, unknown> {
    return jsonAttributes(this.terraformArguments());
  }

  protected synthesizeHclAttributes(): Record<string, unknown> {
    return hclAttributes(this.terraformArguments());
  }
}
