import { DashboardGrafana } from "@cdktf/provider-azurerm/lib/dashboard-grafana";
import { RoleAssignment } from "@cdktf/provider-azurerm/lib/role-assignment";
import { Construct } from "constructs";
import { Environment, ResourceContext } from "../environment/environment";
import { IResourceGroup } from "../platform/environment-resource-group";
import { IMonitorWorkspace } from "./monitor-workspace";

/** The Grafana major versions the pinned azurerm provider (4.55) accepts; Azure creates new instances with 11 only. */
export const GRAFANA_MAJOR_VERSIONS: readonly string[] = ["10", "11"];

/** Props of a `ManagedGrafana`. */
export interface ManagedGrafanaProps {
  /** The environment: name, region, zones, tags and `grafanaAdminGroupObjectId`. */
  readonly environment: ResourceContext & Pick<Environment, "grafanaAdminGroupObjectId" | "zoneRedundant">;
  /** The resource group of Grafana; Grafana gets Monitoring Reader on it. */
  readonly resourceGroup: IResourceGroup;
  /** The Azure Monitor workspace Grafana is integrated with (Prometheus data source). */
  readonly workspace: IMonitorWorkspace;
  /**
   * Grafana major version, one of `GRAFANA_MAJOR_VERSIONS`.
   * @default "11"
   */
  readonly grafanaMajorVersion?: string;
}

/**
 * Azure Managed Grafana (Standard SKU, system-assigned identity, API keys off, zone redundant where the
 * environment has zones) integrated with the Azure Monitor workspace. Role assignments: Grafana's identity
 * gets Monitoring Data Reader on the workspace (to query Prometheus) and Monitoring Reader on the
 * environment's resource group (Azure Monitor metrics and Container Insights logs); the environment's
 * `grafanaAdminGroupObjectId` group, when set, gets Grafana Admin. No user accounts are assigned.
 */
export class ManagedGrafana extends Construct {
  /** The azurerm Grafana. */
  public readonly resource: DashboardGrafana;
  /** Grafana reads the workspace's Prometheus metrics. */
  public readonly workspaceReader: RoleAssignment;
  /** Grafana reads Azure Monitor metrics and logs of the environment's resources. */
  public readonly resourceGroupReader: RoleAssignment;
  /** The admin group's Grafana Admin assignment, when the environment names a group. */
  public readonly adminAssignment?: RoleAssignment;
  /** Grafana endpoint URL. */
  public readonly endpoint: string;

  constructor(scope: Construct, id: string, props: ManagedGrafanaProps) {
    super(scope, id);
    const env = props.environment;
    const version = props.grafanaMajorVersion ?? "11";
    if (!GRAFANA_MAJOR_VERSIONS.includes(version)) {
      throw new Error(
        `${this.node.path}: grafanaMajorVersion "${version}" is not supported; the azurerm provider accepts ${GRAFANA_MAJOR_VERSIONS.map((v) => `"${v}"`).join(" or ")}, use "11"`,
      );
    }
    this.resource = new DashboardGrafana(this, "Resource", {
      name: env.names.of("managedGrafana"),
      location: env.location,
      resourceGroupName: props.resourceGroup.name,
      sku: "Standard",
      grafanaMajorVersion: version,
      apiKeyEnabled: false,
      zoneRedundancyEnabled: env.zoneRedundant,
      identity: { type: "SystemAssigned" },
      azureMonitorWorkspaceIntegrations: [{ resourceId: props.workspace.id }],
      tags: env.tags,
    });
    const principalId = this.resource.identity.principalId;
    this.workspaceReader = new RoleAssignment(this, "WorkspaceDataReader", {
      scope: props.workspace.id,
      roleDefinitionName: "Monitoring Data Reader",
      principalId,
      principalType: "ServicePrincipal",
    });
    this.resourceGroupReader = new RoleAssignment(this, "ResourceGroupMonitoringReader", {
      scope: props.resourceGroup.id,
      roleDefinitionName: "Monitoring Reader",
      principalId,
      principalType: "ServicePrincipal",
    });
    if (env.grafanaAdminGroupObjectId !== undefined) {
      this.adminAssignment = new RoleAssignment(this, "AdminGroup", {
        scope: this.resource.id,
        roleDefinitionName: "Grafana Admin",
        principalId: env.grafanaAdminGroupObjectId,
        principalType: "Group",
      });
    }
    this.endpoint = this.resource.endpoint;
  }
}
