import { MonitorDataCollectionEndpoint } from "@cdktf/provider-azurerm/lib/monitor-data-collection-endpoint";
import { MonitorDataCollectionRule } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule";
import { MonitorDataCollectionRuleAssociation } from "@cdktf/provider-azurerm/lib/monitor-data-collection-rule-association";
import { Construct } from "constructs";
import { ResourceContext } from "../environment/environment";
import { IAksCluster } from "../platform/aks-cluster";
import { IResourceGroup } from "../platform/environment-resource-group";
import { IMonitorWorkspace } from "./monitor-workspace";

/** The stream of managed Prometheus metrics. */
export const PROMETHEUS_METRICS_STREAM = "Microsoft-PrometheusMetrics";

/** Props of a `ManagedPrometheus`. */
export interface ManagedPrometheusProps {
  /** The environment: names, region and tags. */
  readonly environment: ResourceContext;
  /** The resource group of the endpoint and rule. */
  readonly resourceGroup: IResourceGroup;
  /** The workspace the metrics go to. */
  readonly workspace: IMonitorWorkspace;
  /** The cluster whose metrics are collected; its `monitor_metrics` profile must be on (`AksCluster` default). */
  readonly cluster: IAksCluster;
}

/**
 * Managed Prometheus collection for an AKS cluster: a data collection endpoint (Linux) and a data collection
 * rule that sends the `Microsoft-PrometheusMetrics` stream to the Azure Monitor workspace, the rule's
 * association with the cluster, and the endpoint's association with the cluster (named
 * `configurationAccessEndpoint`, as Azure requires), from which the ama-metrics agents read their configuration.
 * The endpoint lives in the environment's region, the cluster's region.
 */
export class ManagedPrometheus extends Construct {
  /** The data collection endpoint. */
  public readonly endpoint: MonitorDataCollectionEndpoint;
  /** The data collection rule (`Microsoft-PrometheusMetrics` → workspace). */
  public readonly rule: MonitorDataCollectionRule;
  /** The rule's association with the cluster. */
  public readonly ruleAssociation: MonitorDataCollectionRuleAssociation;
  /** The endpoint's association with the cluster. */
  public readonly endpointAssociation: MonitorDataCollectionRuleAssociation;

  constructor(scope: Construct, id: string, props: ManagedPrometheusProps) {
    super(scope, id);
    const env = props.environment;
    this.endpoint = new MonitorDataCollectionEndpoint(this, "Endpoint", {
      name: env.names.of("dataCollectionEndpoint", "prometheus"),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      kind: "Linux",
      description: `Managed Prometheus endpoint of ${env.names.of("kubernetesCluster")}`,
      tags: env.tags,
    });
    const destination = "MonitoringAccount1";
    this.rule = new MonitorDataCollectionRule(this, "Resource", {
      name: env.names.of("dataCollectionRule", "prometheus"),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      kind: "Linux",
      dataCollectionEndpointId: this.endpoint.id,
      description: "Managed Prometheus (Azure Monitor metrics profile) of the AKS cluster",
      destinations: { monitorAccount: [{ monitorAccountId: props.workspace.id, name: destination }] },
      dataFlow: [{ streams: [PROMETHEUS_METRICS_STREAM], destinations: [destination] }],
      dataSources: { prometheusForwarder: [{ name: "PrometheusDataSource", streams: [PROMETHEUS_METRICS_STREAM] }] },
      tags: env.tags,
    });
    this.ruleAssociation = new MonitorDataCollectionRuleAssociation(this, "RuleAssociation", {
      name: "managed-prometheus",
      targetResourceId: props.cluster.id,
      dataCollectionRuleId: this.rule.id,
      description: "Managed Prometheus collection of the cluster; deleting it stops metric collection",
    });
    this.endpointAssociation = new MonitorDataCollectionRuleAssociation(this, "EndpointAssociation", {
      name: "configurationAccessEndpoint",
      targetResourceId: props.cluster.id,
      dataCollectionEndpointId: this.endpoint.id,
      description: "Configuration access endpoint of the cluster's Azure Monitor agents",
    });
  }
}
