import { App } from "cdktf";
import { EnvironmentSpec, resolvePlatform } from "../../lib";
import { validateApps } from "../../lib/apps/validate-apps";
import { ContainerRegistry } from "../../lib/platform/container-registry";
import { buildPlatform } from "../../stacks/build-platform";
import { PlatformStack } from "../../stacks/platform-stack";
import { StateStack } from "../../stacks/state-stack";
import { environmentSpec, platformSpec } from "../support/fixtures";
import { danglingReferences, onlyResource, resourceAt, resourcesOf, synthJson, TerraformJson } from "../support/terraform-json";

/** The posture fixes of issue 14, asserted on synthesized output. */
function platformJson(env: EnvironmentSpec, environments?: EnvironmentSpec[]): TerraformJson {
  const platform = resolvePlatform(platformSpec(environments ? { environments } : { environments: [env] }));
  const environment = platform.environments.find((e) => e.name === env.name)!;
  return synthJson(new PlatformStack(new App(), { platform, environment }));
}

const dev = platformJson(environmentSpec({ name: "dev" }));
const chain = platformSpec().environments;
const prod = platformJson(chain[2], [...chain]);
const REMOTE_STATE = { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope" };

describe("network security groups", () => {
  test("every subnet has its own network security group; only the ingress ports are open to the internet, on the node subnet", () => {
    const associations = resourcesOf(dev, "azurerm_subnet_network_security_group_association");
    expect(associations.map((a) => a.subnet_id).sort()).toEqual([
      expect.stringMatching(/^\$\{azurerm_subnet\.Network_NodeSubnet_[0-9A-F]+\.id\}$/),
      expect.stringMatching(/^\$\{azurerm_subnet\.Network_PrivateEndpointSubnet_[0-9A-F]+\.id\}$/),
    ]);
    expect(resourcesOf(dev, "azurerm_network_security_group").map((g) => g.name).sort()).toEqual(["nsg-contoso-dev-endpoints", "nsg-contoso-dev-nodes"]);
    const rule = onlyResource(dev, "azurerm_network_security_rule");
    expect(rule).toMatchObject({ direction: "Inbound", access: "Allow", protocol: "Tcp", source_address_prefix: "Internet", destination_port_ranges: ["80", "443"], priority: 100 });
    expect(rule.network_security_group_name).toMatch(/^\$\{azurerm_network_security_group\.Network_NodeSecurityGroup_[0-9A-F]+\.name\}$/);
    expect(danglingReferences(dev)).toEqual([]);
  });
});

describe("AKS hardening", () => {
  test("encryption at host on the system pool and every user pool", () => {
    expect(onlyResource(dev, "azurerm_kubernetes_cluster").default_node_pool.host_encryption_enabled).toBe(true);
    for (const pool of resourcesOf(dev, "azurerm_kubernetes_cluster_node_pool")) expect(pool.host_encryption_enabled).toBe(true);
  });

  test("control-plane audit (kube-audit-admin) and Azure AD (guard) logs go to the environment's Log Analytics workspace", () => {
    const setting = onlyResource(dev, "azurerm_monitor_diagnostic_setting");
    expect(setting.target_resource_id).toMatch(/^\$\{azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+\.id\}$/);
    expect(setting.log_analytics_workspace_id).toMatch(/^\$\{azurerm_log_analytics_workspace\.LogAnalytics_[0-9A-F]+\.id\}$/);
    expect(setting.log_analytics_destination_type).toBe("Dedicated");
    expect(setting.enabled_log).toEqual([{ category: "kube-audit-admin" }, { category: "guard" }]);
  });

  test("the cluster identity is Network Contributor on the node subnet it joins", () => {
    const role = resourcesOf(dev, "azurerm_role_assignment").find((a) => a.role_definition_name === "Network Contributor");
    expect(role.scope).toMatch(/^\$\{azurerm_subnet\.Network_NodeSubnet_[0-9A-F]+\.id\}$/);
    expect(role.principal_id).toMatch(/^\$\{azurerm_kubernetes_cluster\.Cluster_[0-9A-F]+\.identity\[0\]\.principal_id\}$/);
  });
});

describe("private endpoints (prod tier default)", () => {
  test("prod: Key Vault and registry endpoints in the private endpoint subnet, with linked private DNS zones", () => {
    const endpoints = resourcesOf(prod, "azurerm_private_endpoint");
    expect(endpoints.map((e) => e.name).sort()).toEqual(["pe-contoso-prod-registry", "pe-contoso-prod-vault"]);
    for (const endpoint of endpoints) {
      expect(endpoint.subnet_id).toMatch(/^\$\{azurerm_subnet\.Network_PrivateEndpointSubnet_[0-9A-F]+\.id\}$/);
      expect(endpoint.private_service_connection.is_manual_connection).toBe(false);
      expect(endpoint.private_dns_zone_group.private_dns_zone_ids).toHaveLength(1);
    }
    expect(resourceAt(prod, "azurerm_private_endpoint", "KeyVaultEndpoint").private_service_connection).toMatchObject({
      subresource_names: ["vault"],
      private_connection_resource_id: expect.stringMatching(/^\$\{azurerm_key_vault\.KeyVault_[0-9A-F]+\.id\}$/),
    });
    expect(resourcesOf(prod, "azurerm_private_dns_zone").map((z) => z.name).sort()).toEqual(["privatelink.azurecr.io", "privatelink.vaultcore.azure.net"]);
    for (const link of resourcesOf(prod, "azurerm_private_dns_zone_virtual_network_link")) {
      expect(link.virtual_network_id).toMatch(/^\$\{azurerm_virtual_network\.Network_[0-9A-F]+\.id\}$/);
      expect(link.registration_enabled).toBe(false);
    }
    expect(danglingReferences(prod)).toEqual([]);
  });

  test("prod's Premium registry turns public network access off; the first registry of a promotion chain stays public", () => {
    expect(onlyResource(prod, "azurerm_container_registry").public_network_access_enabled).toBe(false);
    const soloProd = platformJson(environmentSpec({ name: "prod" }, "prod"));
    expect(onlyResource(soloProd, "azurerm_container_registry").public_network_access_enabled).toBe(true);
    expect(resourcesOf(soloProd, "azurerm_private_endpoint").map((e) => e.name)).toEqual(["pe-contoso-prod-vault"]);
  });

  test("dev has none unless the spec asks; privateEndpoints: true adds the vault endpoint", () => {
    expect(resourcesOf(dev, "azurerm_private_endpoint")).toEqual([]);
    const withEndpoints = platformJson(environmentSpec({ name: "dev", privateEndpoints: true }));
    expect(resourcesOf(withEndpoints, "azurerm_private_endpoint").map((e) => e.name)).toEqual(["pe-contoso-dev-vault"]);
  });
});

describe("state storage", () => {
  const state = (allowedIpRanges?: string[]) =>
    synthJson(new StateStack(new App(), { state: resolvePlatform(platformSpec({ remoteState: { ...REMOTE_STATE, allowedIpRanges } })).remoteState! }));

  test("the firewall denies by default; the runners' ranges default to the environments' API server ranges", () => {
    expect(onlyResource(state(), "azurerm_storage_account").network_rules).toEqual({ default_action: "Deny", bypass: ["AzureServices"], ip_rules: ["203.0.113.0/24"] });
    expect(onlyResource(state(["198.51.100.7/32", "192.0.2.0/24"]), "azurerm_storage_account").network_rules.ip_rules).toEqual(["192.0.2.0/24", "198.51.100.7"]);
  });

  test("blob reads, writes and deletes are logged to a Log Analytics workspace beside the account", () => {
    const json = state();
    const setting = onlyResource(json, "azurerm_monitor_diagnostic_setting");
    expect(setting.target_resource_id).toMatch(/^\$\{azurerm_storage_account\.StateStorage_[0-9A-F]+\.id\}\/blobServices\/default$/);
    expect(setting.enabled_log).toEqual([{ category: "StorageRead" }, { category: "StorageWrite" }, { category: "StorageDelete" }]);
    expect(onlyResource(json, "azurerm_log_analytics_workspace")).toMatchObject({ name: "log-stcontosotfstate", retention_in_days: 90, local_authentication_enabled: false });
  });

  test("ranges the storage firewall cannot take are refused before synth", () => {
    const bad = platformSpec({ remoteState: { ...REMOTE_STATE, allowedIpRanges: ["10.1.0.0/16", "203.0.113.0/31", "0.0.0.0/0", "nope"] } });
    expect(() => buildPlatform(new App(), bad)).toThrow(
      /allowedIpRanges contains "10\.1\.0\.0\/16", which is not a public range.*\n.*"203\.0\.113\.0\/31": azure storage does not accept \/31 ranges.*\n.*"0\.0\.0\.0\/0", which allows every address.*\n.*"nope", which is not an ipv4 address or cidr block/,
    );
  });
});

describe("flux-state-metrics network policies", () => {
  test("ingress to gitops-monitoring is denied except managed Prometheus (kube-system) on the metrics port", () => {
    const stacks = buildPlatform(new App(), platformSpec(), { policy: false });
    const objects = stacks.environments.dev.monitoring.syncEngineMetrics!.manifests.objects.filter((o) => o.kind === "NetworkPolicy") as any[];
    const byName = Object.fromEntries(objects.map((o) => [o.metadata.name, o]));
    expect(byName["default-deny"].spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
    expect(byName["default-deny"].metadata.namespace).toBe("gitops-monitoring");
    expect(byName["allow-metrics-scrape"].spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "flux-state-metrics" } },
      policyTypes: ["Ingress"],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } } }], ports: [{ port: 8080, protocol: "TCP" }] }],
    });
  });
});

describe("validation of the new options", () => {
  test("a registry below Premium cannot turn public network access off", () => {
    const platform = resolvePlatform(platformSpec({ environments: [environmentSpec({ name: "dev" })] }));
    const stack = new PlatformStack(new App(), { platform, environment: platform.environments[0] });
    expect(() => new ContainerRegistry(stack, "Other", { environment: platform.environments[0], resourceGroup: stack.resourceGroup, publicNetworkAccess: false })).toThrow(
      "dev-platform/Other: publicNetworkAccess false needs a Premium registry (private endpoints); this environment's registry is Standard",
    );
  });

  test("secretsAs takes file or environment", () => {
    const app = { name: "web", image: "acrcontosodev.azurecr.io/web", port: 8080, secretsAs: "env" as never };
    expect(validateApps([app], {}, ["dev"])).toContain('apps/web.secretsAs: "env" is not allowed; use one of "file", "environment"');
  });
});
