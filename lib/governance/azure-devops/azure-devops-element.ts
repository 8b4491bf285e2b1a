import { TerraformDataSource, TerraformMetaArguments, TerraformResource } from "cdktf";
import { Construct } from "constructs";
import { AZURE_DEVOPS_METADATA } from "./azure-devops-provider";
import { AttributeBlock, hclAttributes, jsonAttributes } from "./terraform-attributes";

/** What the mixin reads of cdktf's `TerraformResource` and `TerraformDataSource`. */
interface TerraformElementWithAttributes {
  getStringAttribute(terraformAttribute: string): string;
}

/**
 * What the hand-written microsoft/azuredevops resources and data sources share: a subclass gives its arguments
 * (snake_case, as the provider documents them), checked by its typed config; they are written as JSON or HCL.
 */
function withArguments<TBase extends abstract new (...args: any[]) => TerraformElementWithAttributes>(Base: TBase) {
  abstract class WithArguments extends Base {
    /** The element's arguments. */
    public abstract terraformArguments(): AttributeBlock;

    /** The `id` attribute. */
    public get id(): string {
      return this.getStringAttribute("id");
    }

    public synthesizeAttributes(): Record<string, unknown> {
      return jsonAttributes(this.terraformArguments());
    }

    public synthesizeHclAttributes(): Record<string, unknown> {
      return hclAttributes(this.terraformArguments());
    }
  }
  return WithArguments;
}

/** The config cdktf needs for an element of the microsoft/azuredevops provider. */
function azureDevOpsConfig(type: string, meta: TerraformMetaArguments) {
  return { ...meta, terraformResourceType: type, terraformGeneratorMetadata: AZURE_DEVOPS_METADATA };
}

/** Base of the hand-written microsoft/azuredevops resources. */
export abstract class AzureDevOpsResource extends withArguments(TerraformResource) {
  constructor(scope: Construct, id: string, type: string, meta: TerraformMetaArguments) {
    super(scope, id, azureDevOpsConfig(type, meta));
  }
}

/** Base of the hand-written microsoft/azuredevops data sources. */
export abstract class AzureDevOpsDataSource extends withArguments(TerraformDataSource) {
  constructor(scope: Construct, id: string, type: string, meta: TerraformMetaArguments) {
    super(scope, id, azureDevOpsConfig(type, meta));
  }
}
