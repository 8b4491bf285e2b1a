import { App } from "cdktf";
import { Environment } from "../../lib/environment/environment";
import { EnvironmentSpec } from "../../lib/environment/environment-spec";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { PlatformStack } from "../../stacks/platform-stack";
import { environmentSpec, platformSpec } from "../support/fixtures";
import { resourceAt, resourcesOf, onlyResource, synthJson, TerraformJson } from "../support/terraform-json";

function synthPlatform(env: EnvironmentSpec = environmentSpec({ name: "dev" })): { json: TerraformJson; environment: Environment } {
  const platform = resolvePlatform(platformSpec({ environments: [env] }));
  const environment = platform.environments[0];
  return { json: synthJson(new PlatformStack(new App(), { platform, environment })), environment };
}

const dev = synthPlatform().json;
const prod = synthPlatform(environmentSpec({ name: "prod" }, "prod")).json;

describe("EnvironmentResourceGroup", () => {
  test("is named rg-<project>-<env> and carries the environment tags", () => {
    const group = onlyResource(dev, "azurerm_resource_group");
    expect(group.name).toBe("rg-contoso-dev");
    expect(group.location).toBe("westeurope");
    expect(group.tags).toEqual({ project: "contoso", environment: "dev", tier: "dev", owners: "team@contoso.com", "managed-by": "cdktf-gitops" });
  });
});

describe("Network", () => {
  test("splits the address space into a node subnet and a private endpoint subnet", () => {
    expect(onlyResource(dev, "azurerm_virtual_network").address_space).toEqual(["10.10.0.0/16"]);
    const nodes = resourceAt(dev, "azurerm_subnet", "Network/NodeSubnet");
    const endpoints = resourceAt(dev, "azurerm_subnet", "Network/PrivateEndpointSubnet");
    expect(nodes.address_prefixes).toEqual(["10.10.0.0/17"]);
    expect(endpoints.address_prefixes).toEqual(["10.10.128.0/18"]);
    expect(nodes.service_endpoints).toEqual(["Microsoft.KeyVault", "Microsoft.Storage", "Microsoft.ContainerRegistry"]);
    expect(endpoints.private_endpoint_network_policies).toBe("Enabled");
    expect(nodes.default_outbound_access_enabled).toBe(false);
  });
});

describe("AksCluster", () => {
  const cluster = onlyResource(dev, "azurerm_kubernetes_cluster");
  const prodCluster = onlyResource(prod, "azurerm_kubernetes_cluster");

  test("has workload identity and the oidc issuer on", () => {
    expect(cluster.oidc_issuer_enabled).toBe(true);
    expect(cluster.workload_identity_enabled).toBe(true);
  });

  test("uses azure ad rbac with local accounts disabled", () => {
    expect(cluster.local_account_disabled).toBe(true);
    expect(cluster.role_based_access_control_enabled).toBe(true);
    expect(cluster.azure_active_directory_role_based_access_control).toEqual({
      azure_rbac_enabled: true,
      admin_group_object_ids: ["8f3d2c71-5b4a-4e8e-9c1d-2a7b6e5f4d30"],
    });
  });

  test("uses azure cni overlay with cilium network policy and fixed service ranges", () => {
    expect(cluster.network_profile).toEqual({
      network_plugin: "azure",
      network_plugin_mode: "overlay",
      network_data_plane: "cilium",
      network_policy: "cilium",
      pod_cidr: "192.168.0.0/16",
      service_cidr: "172.16.0.0/16",
      dns_service_ip: "172.16.0.10",
      load_balancer_sku: "standard",
      outbound_type: "loadBalancer",
    });
  });

  test("restricts the api server to the authorized ranges", () => {
    expect(cluster.api_server_access_profile).toEqual({ authorized_ip_ranges: ["203.0.113.0/24"] });
    expect(cluster.private_cluster_enabled).toBe(false);
  });

  test("a private cluster has no public authorized ranges", () => {
    const { json } = synthPlatform(environmentSpec({ name: "dev", cluster: { kubernetesVersion: "1.33", adminGroupObjectIds: ["8f3d2c71-5b4a-4e8e-9c1d-2a7b6e5f4d30"], privateCluster: true } }));
    const privateCluster = onlyResource(json, "azurerm_kubernetes_cluster");
    expect(privateCluster.private_cluster_enabled).toBe(true);
    expect(privateCluster.api_server_access_profile).toBeUndefined();
  });

  test("upgrades automatically inside the weekly maintenance window", () => {
    const window = { frequency: "Weekly", interval: 1, day_of_week: "Sunday", start_time: "02:00", duration: 4, utc_offset: "+00:00" };
    expect(cluster.automatic_upgrade_channel).toBe("patch");
    expect(cluster.node_os_upgrade_channel).toBe("NodeImage");
    expect(cluster.maintenance_window_auto_upgrade).toEqual(window);
    expect(cluster.maintenance_window_node_os).toEqual(window);
  });

  test("runs the key vault secrets provider with rotation, azure policy and container insights", () => {
    expect(cluster.key_vault_secrets_provider).toEqual({ secret_rotation_enabled: true, secret_rotation_interval: "2m" });
    expect(cluster.azure_policy_enabled).toBe(true);
    expect(cluster.web_app_routing).toEqual({ dns_zone_ids: [] });
    expect(cluster.monitor_metrics).toEqual({});
    expect(cluster.oms_agent.msi_auth_for_monitoring_enabled).toBe(true);
    expect(cluster.oms_agent.log_analytics_workspace_id).toMatch(/^\$\{azurerm_log_analytics_workspace\.[A-Za-z0-9_]+\.id\}$/);
  });

  test("system pool runs critical add-ons only, autoscaled, in the node subnet", () => {
    expect(cluster.default_node_pool).toMatchObject({
      name: "system",
      only_critical_addons_enabled: true,
      auto_scaling_enabled: true,
      min_count: 1,
      max_count: 2,
      os_sku: "AzureLinux",
    });
    expect(cluster.default_node_pool.vnet_subnet_id).toMatch(/^\$\{azurerm_subnet\.Network_NodeSubnet_[A-F0-9]+\.id\}$/);
    expect(cluster.default_node_pool.zones).toBeUndefined();
  });

  test("user pools autoscale in user mode", () => {
    const pool = onlyResource(dev, "azurerm_kubernetes_cluster_node_pool");
    expect(pool).toMatchObject({ name: "apps", mode: "User", auto_scaling_enabled: true, min_count: 1, max_count: 3, vm_size: "Standard_D4s_v5" });
  });

  test("dev uses the free tier; prod uses the standard tier, three zones and larger pools", () => {
    expect(cluster.sku_tier).toBe("Free");
    expect(prodCluster.sku_tier).toBe("Standard");
    expect(prodCluster.default_node_pool.zones).toEqual(["1", "2", "3"]);
    expect(prodCluster.default_node_pool.min_count).toBe(3);
    expect(onlyResource(prod, "azurerm_kubernetes_cluster_node_pool")).toMatchObject({ zones: ["1", "2", "3"], min_count: 3, max_count: 10 });
  });
});

describe("ContainerRegistry", () => {
  const registry = onlyResource(dev, "azurerm_container_registry");
  const prodRegistry = onlyResource(prod, "azurerm_container_registry");

  test("has the admin user and anonymous pull disabled and prevents destroy", () => {
    expect(registry.admin_enabled).toBe(false);
    expect(registry.anonymous_pull_enabled).toBe(false);
    expect(registry.lifecycle).toEqual({ prevent_destroy: true });
    expect(registry.name).toBe("acrcontosodev");
  });

  test("is Standard without zone redundancy in dev and Premium zone redundant in prod", () => {
    expect(registry.sku).toBe("Standard");
    expect(registry.zone_redundancy_enabled).toBe(false);
    expect(prodRegistry.sku).toBe("Premium");
    expect(prodRegistry.zone_redundancy_enabled).toBe(true);
  });

  test("grants AcrPull to the cluster's kubelet identity", () => {
    const pulls = resourcesOf(dev, "azurerm_role_assignment").filter((a) => a.role_definition_name === "AcrPull");
    expect(pulls).toHaveLength(1);
    const assignment = pulls[0];
    expect(assignment.principal_type).toBe("ServicePrincipal");
    expect(assignment.principal_id).toMatch(/^\$\{azurerm_kubernetes_cluster\.[A-Za-z0-9_]+\.kubelet_identity\[0\]\.object_id\}$/);
    expect(assignment.scope).toMatch(/^\$\{azurerm_container_registry\.[A-Za-z0-9_]+\.id\}$/);
  });
});

describe("KeyVault", () => {
  const vault = onlyResource(dev, "azurerm_key_vault");

  test("uses rbac authorization with purge protection and soft delete", () => {
    expect(vault.rbac_authorization_enabled).toBe(true);
    expect(vault.purge_protection_enabled).toBe(true);
    expect(vault.soft_delete_retention_days).toBe(7);
    expect(onlyResource(prod, "azurerm_key_vault").soft_delete_retention_days).toBe(90);
    expect(vault.access_policy).toBeUndefined();
  });

  test("denies network access except the node subnet and trusted services, and prevents destroy", () => {
    expect(vault.network_acls.default_action).toBe("Deny");
    expect(vault.network_acls.bypass).toBe("AzureServices");
    expect(vault.network_acls.virtual_network_subnet_ids).toHaveLength(1);
    expect(vault.lifecycle).toEqual({ prevent_destroy: true });
  });

  test("takes its tenant from the client config", () => {
    expect(vault.tenant_id).toMatch(/^\$\{data\.azurerm_client_config\.[A-Za-z0-9_]+\.tenant_id\}$/);
  });
});

describe("LogAnalyticsWorkspace", () => {
  test("keeps logs per tier, disables shared keys and prevents destroy", () => {
    const workspace = onlyResource(dev, "azurerm_log_analytics_workspace");
    expect(workspace.retention_in_days).toBe(30);
    expect(workspace.sku).toBe("PerGB2018");
    expect(workspace.local_authentication_enabled).toBe(false);
    expect(workspace.lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResource(prod, "azurerm_log_analytics_workspace").retention_in_days).toBe(90);
  });

  test("the environment's retention overrides the tier default", () => {
    const { json } = synthPlatform(environmentSpec({ name: "dev", logRetentionDays: 120 }));
    expect(onlyResource(json, "azurerm_log_analytics_workspace").retention_in_days).toBe(120);
  });
});

test("every stateful resource prevents destroy", () => {
  for (const type of ["azurerm_container_registry", "azurerm_key_vault", "azurerm_log_analytics_workspace"]) {
    for (const resource of resourcesOf(prod, type)) expect(resource.lifecycle.prevent_destroy).toBe(true);
  }
});
