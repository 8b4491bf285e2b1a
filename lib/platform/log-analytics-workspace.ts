import { LogAnalyticsWorkspace as AzurermLogAnalyticsWorkspace } from "@cdktf/provider-azurerm/lib/log-analytics-workspace";
import { Construct } from "constructs";
import { Environment } from "../environment/environment";
import { EnvironmentResourceGroup } from "./environment-resource-group";

/** Props of a `LogAnalyticsWorkspace`. */
export interface LogAnalyticsWorkspaceProps {
  /** The environment: name, region, tags and retention (per tier). */
  readonly environment: Environment;
  /** The resource group to create the workspace in. */
  readonly resourceGroup: EnvironmentResourceGroup;
  /**
   * Allow Terraform to destroy the workspace (and its logs).
   * @default false - `lifecycle.prevent_destroy` is set
   */
  readonly allowDestroy?: boolean;
}

/**
 * The environment's Log Analytics workspace (Container Insights and diagnostics), PerGB2018, with the
 * tier's retention (dev 30, staging 60, prod 90 days), local (shared key) auth disabled and
 * `prevent_destroy` set.
 */
export class LogAnalyticsWorkspace extends Construct {
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
      lifecycle: { preventDestroy: !(props.allowDestroy ?? false) },
    });
    this.id = this.resource.id;
  }
}
