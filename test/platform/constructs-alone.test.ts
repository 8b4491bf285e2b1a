import { App, TerraformOutput, TerraformStack } from "cdktf";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { MonitorWorkspace } from "../../lib/monitoring/monitor-workspace";
import { AksCluster } from "../../lib/platform/aks-cluster";
import { ContainerRegistry } from "../../lib/platform/container-registry";
import { EnvironmentResourceGroup } from "../../lib/platform/environment-resource-group";
import { KeyVault } from "../../lib/platform/key-vault";
import { LogAnalyticsWorkspace } from "../../lib/platform/log-analytics-workspace";
import { Network } from "../../lib/platform/network";
import { RemoteStateStorage } from "../../lib/platform/remote-state-storage";
import { environmentSpec, platformSpec } from "../support/fixtures";
import { danglingReferences, onlyResource, resourcesOf, synthJson } from "../support/terraform-json";

/**
 * Each platform construct alone in a bare stack (no PlatformStack), referring to existing parts through the
 * small interfaces and their imports, with every opt-out.
 */
const platform = resolvePlatform(platformSpec());
const dev = platform.environments.find((e) => e.name === "dev")!;
const prod = platform.environments.find((e) => e.name === "prod")!;

const RESOURCE_GROUP = { id: "/subscriptions/s/resourceGroups/rg-existing", name: "rg-existing", location: "westeurope" };
const SUBNET_ID = "/subscriptions/s/resourceGroups/rg-existing/providers/Microsoft.Network/virtualNetworks/vnet/subnets/nodes";
const WORKSPACE_ID = "/subscriptions/s/resourceGroups/rg-existing/providers/Microsoft.OperationalInsights/workspaces/log";

function bareStack(): TerraformStack {
  return new TerraformStack(new App(), "bare");
}

/** The Terraform expression a token stands for in the stack (through an output). */
function expressionOf(stack: TerraformStack, token: string): string {
  new TerraformOutput(stack, "probe", { value: token });
  return synthJson(stack).output?.probe.value;
}

describe("EnvironmentResourceGroup alone", () => {
  test("creates rg-<project>-<env>; fromName looks an existing group up instead", () => {
    const stack = bareStack();
    const group = new EnvironmentResourceGroup(stack, "ResourceGroup", { environment: dev });
    const existing = EnvironmentResourceGroup.fromName(stack, "Existing", "rg-shared");
    new Network(stack, "Network", { environment: dev, resourceGroup: existing });
    const json = synthJson(stack);
    expect(onlyResource(json, "azurerm_resource_group").name).toBe("rg-contoso-dev");
    expect(expressionOf(stack, group.id)).toMatch(/^\$\{azurerm_resource_group\.ResourceGroup_[A-F0-9]+\.id\}$/);
    expect(Object.values(json.data?.azurerm_resource_group ?? {}).map((d: any) => d.name)).toEqual(["rg-shared"]);
    expect(resourcesOf(json, "azurerm_virtual_network")[0].resource_group_name).toBe("rg-shared");
    expect(danglingReferences(json)).toEqual([]);
  });
});

describe("AksCluster alone", () => {
  const build = (props: Partial<ConstructorParameters<typeof AksCluster>[2]> = {}) => {
    const stack = bareStack();
    new AksCluster(stack, "Cluster", { environment: dev, resourceGroup: RESOURCE_GROUP, network: Network.fromNodeSubnetId(SUBNET_ID), ...props });
    return onlyResource(synthJson(stack), "azurerm_kubernetes_cluster");
  };

  test("joins an existing network and resource group; add-ons on, Container Insights only with a workspace", () => {
    const cluster = build();
    expect(cluster.resource_group_name).toBe("rg-existing");
    expect(cluster.default_node_pool.vnet_subnet_id).toBe(SUBNET_ID);
    expect(cluster.azure_policy_enabled).toBe(true);
    expect(cluster.web_app_routing).toEqual({ dns_zone_ids: [] });
    expect(cluster.monitor_metrics).toEqual({});
    expect(cluster.oms_agent).toBeUndefined();
    expect(build({ logAnalyticsWorkspace: LogAnalyticsWorkspace.fromId(WORKSPACE_ID) }).oms_agent).toEqual({ log_analytics_workspace_id: WORKSPACE_ID, msi_auth_for_monitoring_enabled: true });
  });

  test("opt-outs: azurePolicy, applicationRouting and managedPrometheus", () => {
    const cluster = build({ azurePolicy: false, applicationRouting: false, managedPrometheus: false });
    expect(cluster.azure_policy_enabled).toBe(false);
    expect(cluster.web_app_routing).toBeUndefined();
    expect(cluster.monitor_metrics).toBeUndefined();
  });

  test("fromName looks an existing cluster up; its id and kubelet identity come from the lookup", () => {
    const stack = bareStack();
    const existing = AksCluster.fromName(stack, "Existing", { cluster: { name: "aks-shared", resourceGroupName: "rg-shared" } });
    const registry = new ContainerRegistry(stack, "Registry", { environment: dev, resourceGroup: RESOURCE_GROUP, cluster: existing });
    const json = synthJson(stack);
    expect(Object.values(json.data?.azurerm_kubernetes_cluster ?? {}).map((d: any) => [d.name, d.resource_group_name])).toEqual([["aks-shared", "rg-shared"]]);
    expect(existing.name).toBe("aks-shared");
    expect(expressionOf(stack, existing.id)).toMatch(/^\$\{data\.azurerm_kubernetes_cluster\.Existing_Cluster_[A-F0-9]+\.id\}$/);
    expect(onlyResource(json, "azurerm_role_assignment").principal_id).toMatch(/data\.azurerm_kubernetes_cluster\.Existing_Cluster_[A-F0-9]+\.kubelet_identity\[0\]\.object_id/);
    expect(registry.pullRoleAssignment).toBeDefined();
    expect(danglingReferences(json)).toEqual([]);
  });
});

describe("ContainerRegistry alone", () => {
  const build = (environment = dev, props: { allowDestroy?: boolean } = {}) => {
    const stack = bareStack();
    new ContainerRegistry(stack, "Registry", { environment, resourceGroup: RESOURCE_GROUP, ...props });
    return synthJson(stack);
  };

  test("prevent_destroy unless allowDestroy; no pull grant without a cluster; zone redundancy from the tier", () => {
    const json = build();
    expect(onlyResource(json, "azurerm_container_registry").lifecycle).toEqual({ prevent_destroy: true });
    expect(resourcesOf(json, "azurerm_role_assignment")).toEqual([]);
    expect(onlyResource(build(dev, { allowDestroy: true }), "azurerm_container_registry").lifecycle).toEqual({ prevent_destroy: false });
    expect(onlyResource(json, "azurerm_container_registry").zone_redundancy_enabled).toBe(false);
    expect(onlyResource(build(prod), "azurerm_container_registry")).toMatchObject({ sku: "Premium", zone_redundancy_enabled: true });
  });
});

describe("KeyVault alone", () => {
  test("firewall allows the given node subnet and ip ranges; prevent_destroy unless allowDestroy", () => {
    const stack = bareStack();
    new KeyVault(stack, "Vault", { environment: dev, resourceGroup: RESOURCE_GROUP, network: Network.fromNodeSubnetId(SUBNET_ID), allowedIpRanges: ["198.51.100.0/24"] });
    new KeyVault(stack, "Disposable", { environment: prod, resourceGroup: RESOURCE_GROUP, network: Network.fromNodeSubnetId(SUBNET_ID), allowDestroy: true });
    const vaults = resourcesOf(synthJson(stack), "azurerm_key_vault");
    expect(vaults.map((v) => [v.name, v.lifecycle]).sort()).toEqual([
      ["kv-contoso-dev", { prevent_destroy: true }],
      ["kv-contoso-prod", { prevent_destroy: false }],
    ]);
    expect(vaults.find((v) => v.name === "kv-contoso-dev").network_acls).toEqual({ default_action: "Deny", bypass: "AzureServices", virtual_network_subnet_ids: [SUBNET_ID], ip_rules: ["198.51.100.0/24"] });
  });

  test("fromName looks an existing vault up", () => {
    const stack = bareStack();
    const vault = KeyVault.fromName(stack, "Existing", "kv-shared", "rg-shared");
    expect(expressionOf(stack, vault.id)).toBe("${data.azurerm_key_vault.Existing.id}");
    expect(vault.resourceGroupName).toBe("rg-shared");
    expect(Object.values(synthJson(stack).data?.azurerm_key_vault ?? {}).map((d: any) => [d.name, d.resource_group_name])).toEqual([["kv-shared", "rg-shared"]]);
  });
});

describe("LogAnalyticsWorkspace and MonitorWorkspace alone", () => {
  test("prevent_destroy unless allowDestroy", () => {
    const stack = bareStack();
    new LogAnalyticsWorkspace(stack, "Kept", { environment: dev, resourceGroup: RESOURCE_GROUP });
    new LogAnalyticsWorkspace(stack, "Disposable", { environment: prod, resourceGroup: RESOURCE_GROUP, allowDestroy: true });
    new MonitorWorkspace(stack, "Metrics", { environment: dev, resourceGroup: RESOURCE_GROUP, allowDestroy: true });
    const json = synthJson(stack);
    expect(resourcesOf(json, "azurerm_log_analytics_workspace").map((w) => [w.retention_in_days, w.lifecycle]).sort((a, b) => a[0] - b[0])).toEqual([
      [30, { prevent_destroy: true }],
      [90, { prevent_destroy: false }],
    ]);
    expect(onlyResource(json, "azurerm_monitor_workspace").lifecycle).toEqual({ prevent_destroy: false });
  });
});

describe("RemoteStateStorage alone", () => {
  const state = { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope", containerName: "tfstate" };
  const lifecycles = (allowDestroy?: boolean) => {
    const stack = bareStack();
    new RemoteStateStorage(stack, "State", { state, allowDestroy });
    const json = synthJson(stack);
    return ["azurerm_resource_group", "azurerm_storage_account", "azurerm_storage_container"].map((type) => onlyResource(json, type).lifecycle);
  };

  test("group, account and container have prevent_destroy unless allowDestroy", () => {
    expect(lifecycles()).toEqual([{ prevent_destroy: true }, { prevent_destroy: true }, { prevent_destroy: true }]);
    expect(lifecycles(true)).toEqual([{ prevent_destroy: false }, { prevent_destroy: false }, { prevent_destroy: false }]);
  });

  test("rejects a retention outside 1-365 days", () => {
    expect(() => new RemoteStateStorage(bareStack(), "State", { state, softDeleteRetentionDays: 0 })).toThrow("bare/State: softDeleteRetentionDays 0 is out of range; use 1-365");
  });
});

describe("the environment's own zones", () => {
  test("a dev environment with zones gets them on the cluster and zone-redundant services", () => {
    const zoned = resolvePlatform(platformSpec({ environments: [environmentSpec({ name: "dev", zones: ["1", "2"] })] })).environments[0];
    expect(zoned.zoneRedundant).toBe(true);
    const stack = bareStack();
    new AksCluster(stack, "Cluster", { environment: zoned, resourceGroup: RESOURCE_GROUP, network: Network.fromNodeSubnetId(SUBNET_ID) });
    expect(onlyResource(synthJson(stack), "azurerm_kubernetes_cluster").default_node_pool.zones).toEqual(["1", "2"]);
  });
});
