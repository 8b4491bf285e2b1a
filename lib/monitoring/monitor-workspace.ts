import { MonitorWorkspace as AzurermMonitorWorkspace } from "@cdktf/provider-azurerm/lib/monitor-workspace";
import { Construct } from "constructs";
import { ResourceContext } from "../environment/environment";
import { IResourceGroup } from "../platform/environment-resource-group";
import { DestroyProtectionProps, destroyProtection } from "../platform/destroy-protection";

/** Props of a `MonitorWorkspace`. */
export interface MonitorWorkspaceProps extends DestroyProtectionProps {
  /** The environment: name, region and tags. */
  readonly environment: ResourceContext;
  /** The resource group to create the workspace in. */
  readonly resourceGroup: IResourceGroup;
}

/** An Azure Monitor workspace as other constructs refer to it: the one a `MonitorWorkspace` creates, or an existing one. */
export interface IMonitorWorkspace {
  /** Workspace resource id. */
  readonly id: string;
}

/**
 * The environment's Azure Monitor workspace: the store of managed Prometheus metrics that Grafana queries
 * and Prometheus rule groups evaluate. `prevent_destroy` is set.
 */
export class MonitorWorkspace extends Construct implements IMonitorWorkspace {
  /** An existing Azure Monitor workspace, by resource id. */
  public static fromId(id: string): IMonitorWorkspace {
    return { id };
  }

  /** The azurerm monitor workspace. */
  public readonly resource: AzurermMonitorWorkspace;
  /** Workspace resource id. */
  public readonly id: string;

  constructor(scope: Construct, id: string, props: MonitorWorkspaceProps) {
    super(scope, id);
    const env = props.environment;
    this.resource = new AzurermMonitorWorkspace(this, "Resource", {
      name: env.names.of("monitorWorkspace"),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      tags: env.tags,
      lifecycle: destroyProtection(props),
    });
    this.id = this.resource.id;
  }
}
