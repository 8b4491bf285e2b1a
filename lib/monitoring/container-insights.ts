import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { Construct } from "constructs";
import { Duration } from "../core/duration";
import { ResourceContext } from "../environment/environment";
import { IAksCluster } from "../platform/aks-cluster";
import { IResourceGroup } from "../platform/environment-resource-group";
import { ILogAnalyticsWorkspace } from "../platform/log-analytics-workspace";

/** The Container Insights stream group: container logs (v2), inventory, events, performance. */
export const CONTAINER_INSIGHTS_STREAM = "Microsoft-ContainerInsights-Group-Default";

/** Props of a `ContainerInsights`. */
export interface ContainerInsightsProps {
  /** The environment: names, region and tags. */
  readonly environment: ResourceContext;
  /** The resource group of the data collection rule. */
  readonly resourceGroup: IResourceGroup;
  /** The cluster; its `oms_agent` add-on must use managed identity auth (`AksCluster` with a workspace does). */
  readonly cluster: IAksCluster;
  /** The Log Analytics workspace the data goes to (the same as the cluster's `oms_agent` workspace). */
  readonly logAnalyticsWorkspace: ILogAnalyticsWorkspace;
  /**
   * How often the agent collects inventory and performance data, e.g. `1m` or `5m`.
   * @default "1m"
   */
  readonly interval?: string;
}

/**
 * Container Insights with managed identity auth: the data collection rule that the cluster's `oms_agent`
 * (ama-logs) needs, sending the `Microsoft-ContainerInsights-Group-Default` streams (ContainerLogV2 on) to
 * the Log Analytics workspace, and its association with the cluster. With `msi_auth_for_monitoring_enabled`
 * the agent reads what to collect from this rule; Terraform does not get one created implicitly (the Azure
 * CLI and portal create it client-side), so without it no Container Insights data arrives.
 */
export class ContainerInsights extends Construct {
  /** The data collection rule. */
  public readonly rule: MonitorDataCollectionRule;
  /** The rule's association with the cluster. */
  public readonly association: MonitorDataCollectionRuleAssociation;

  constructor(scope: Construct, id: string, props: ContainerInsightsProps) {
    super(scope, id);
    const env = props.environment;
    const interval = props.interval ?? "1m";
    if (!Duration.parse(interval, { units: ["m"], maxSeconds: 30 * 60 })) {
      throw new Error(`${this.node.path}: interval "${interval}" is not valid; use whole minutes from 1m to 30m, such as "1m"`);
    }
    const destination = "ciworkspace";
    this.rule = new MonitorDataCollectionRule(this, "Resource", {
      name: env.names.of("dataCollectionRule", "insights"),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      description: "Container Insights of the AKS cluster",
      destinations: { logAnalytics: [{ workspaceResourceId: props.logAnalyticsWorkspace.id, name: destination }] },
      dataFlow: [{ streams: [CONTAINER_INSIGHTS_STREAM], destinations: [destination] }],
      dataSources: {
        extension: [
          {
            name: "ContainerInsightsExtension",
            extensionName: "ContainerInsights",
            streams: [CONTAINER_INSIGHTS_STREAM],
            extensionJson: JSON.stringify({
              dataCollectionSettings: { interval, namespaceFilteringMode: "Off", enableContainerLogV2: true },
            }),
          },
        ],
      },
      tags: env.tags,
    });
    this.association = new MonitorDataCollectionRuleAssociation(this, "Association", {
      name: "container-insights",
      targetResourceId: props.cluster.id,
      dataCollectionRuleId: this.rule.id,
      description: "Container Insights collection of the cluster; deleting it stops log collection",
    });
  }
}
