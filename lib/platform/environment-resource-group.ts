import { DataAzurermResourceGroup } from "@cdktf/provider-azurerm/lib/data-azurerm-resource-group";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";

/** A resource group as other constructs refer to it: the one an `EnvironmentResourceGroup` creates, or an existing one. */
export interface IResourceGroup {
  /** Resource group resource id. */
  readonly id: string;
  /** Resource group name. */
  readonly name: string;
  /** Azure region. */
  readonly location: string;
}

/** Props of an `EnvironmentResourceGroup`. */
export interface EnvironmentResourceGroupProps {
  /** The environment the group belongs to; gives its name, region and tags. */
  readonly environment: Pick<Environment, "location" | "names" | "tags">;
}

/** The resource group that holds an environment's platform resources, named `rg-<project>-<env>`. */
export class EnvironmentResourceGroup extends Construct implements IResourceGroup {
  /** An existing resource group, looked up by name (a `data.azurerm_resource_group` in `scope`). */
  public static fromName(scope: Construct, id: string, name: string): IResourceGroup {
    const lookup = new DataAzurermResourceGroup(scope, id, { name });
    return { id: lookup.id, name, location: lookup.location };
  }

  /** The azurerm resource group. */
  public readonly resource: ResourceGroup;
  /** Resource group resource id. */
  public readonly id: string;
  /** Resource group name. */
  public readonly name: string;
  /** Azure region. */
  public readonly location: string;

  constructor(scope: Construct, id: string, props: EnvironmentResourceGroupProps) {
    super(scope, id);
    const env = props.environment;
    this.resource = new ResourceGroup(this, "Resource", {
      name: env.names.of("resourceGroup"),
      location: env.location,
      tags: env.tags,
    });
    this.id = this.resource.id;
    this.name = this.resource.name;
    this.location = this.resource.location;
  }
}
