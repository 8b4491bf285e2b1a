import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";

/** Props of an `EnvironmentResourceGroup`. */
export interface EnvironmentResourceGroupProps {
  /** The environment the group belongs to; gives its name, region and tags. */
  readonly environment: Environment;
}

/** The resource group that holds an environment's platform resources, named `rg-<project>-<env>`. */
export class EnvironmentResourceGroup extends Construct {
  /** The azurerm resource group. */
  public readonly resource: ResourceGroup;
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
    this.name = this.resource.name;
    this.location = this.resource.location;
  }
}
