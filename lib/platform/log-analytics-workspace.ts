import { LogAnalyticsWorkspace as AzurermLogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { IResourceGroup } from "./environment-resource-group";
import { DestroyProtectionProps, destroyProtection } from "./destroy-protection";

/** A Log Analytics workspace as other constructs refer to it: the one a `LogAnalyticsWorkspace` creates, or an existing one. */
export interface ILogAnalyticsWorkspace {
  /** Workspace resource id. */
  readonly id: string;
}

/** Props of a `LogAnalyticsWorkspace`. */
export interface LogAnalyticsWorkspaceProps extends DestroyProtectionProps {
  /** The environment: name, region, tags and retention (per tier). */
  readonly environment: Pick<Environment, "location" | "logRetentionDays" | "names" | "tags">;
  /** The resource group to create the workspace in. */
  readonly resourceGroup: IResourceGroup;
}

/**
 * The environment's Log Analytics workspace (Container Insights and diagnostics), PerGB2018, with the
 * tier's retention (dev 30, staging 60, prod 90 days), local (shared key) auth disabled and
 * `prevent_destroy` set.
 */
export class LogAnalyticsWorkspace extends Construct implements ILogAnalyticsWorkspace {
  /** An existing workspace, by resource id. */
  public static fromId(id: string): ILogAnalyticsWorkspace {
    return { id };
  }

  /** The azurerm workspace. */
  public readonly resource: AzurermLogAnalyticsWorkspace;
  /** Workspace resource id. */
  public readonly id: string;

  constructor(scope: Construct, id: string, props: LogAnalyticsWorkspaceProps) {
    super(scope, id);
    const env = props.environment;
    this.resource = new AzurermLogAnalyticsWorkspace(this, "Resource", {
      name: env.names.of("logAnalyticsWorkspace"),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      sku: "PerGB2018",
      retentionInDays: env.logRetentionDays,
      localAuthenticationEnabled: false,
      tags: env.tags,
      lifecycle: destroyProtection(props),
    });
    this.id = this.resource.id;
  }
}
