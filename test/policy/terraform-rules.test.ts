import { DEFAULT_POLICY_PACKS, TerraformRule } from "../../lib/policy";
import { TerraformCase, tf } from "./cases";

const AKS = "azurerm_kubernetes_cluster";
const POOL = "azurerm_kubernetes_cluster_node_pool";
const ACR = "azurerm_container_registry";
const KV = "azurerm_key_vault";
const ST = "azurerm_storage_account";
const aks = (body: Record<string, unknown>) => tf(AKS, body, "cluster");
const diag = (target: string, body: Record<string, unknown>) =>
  tf("azurerm_monitor_diagnostic_setting", { target_resource_id: target, log_analytics_workspace_id: "${azurerm_log_analytics_workspace.w.id}", ...body }, "diag");
const nsg = (rule: Record<string, unknown>) =>
  tf("azurerm_network_security_group", { security_rule: [{ name: "r", direction: "Inbound", access: "Allow", protocol: "Tcp", source_address_prefix: "Internet", ...rule }] });

/** Per rule: a compliant input and a non-compliant one (each rule has both; a test below checks it). */
const CASES: Record<string, { compliant: TerraformCase; nonCompliant: TerraformCase }> = {
  "GITOPS-AKS-1": { compliant: { resource: aks({ local_account_disabled: true }) }, nonCompliant: { resource: aks({}) } },
  "GITOPS-AKS-2": {
    compliant: { resource: aks({ azure_active_directory_role_based_access_control: { azure_rbac_enabled: true } }) },
    nonCompliant: { resource: aks({ role_based_access_control_enabled: false, azure_active_directory_role_based_access_control: { azure_rbac_enabled: true } }) },
  },
  "GITOPS-AKS-3": {
    compliant: { resource: aks({ api_server_access_profile: { authorized_ip_ranges: ["203.0.113.0/24"] } }) },
    nonCompliant: { resource: aks({ api_server_access_profile: { authorized_ip_ranges: ["0.0.0.0/0"] } }) },
  },
  "GITOPS-AKS-4": { compliant: { resource: aks({ network_profile: { network_policy: "cilium" } }) }, nonCompliant: { resource: aks({ network_profile: { network_plugin: "azure" } }) } },
  "GITOPS-AKS-5": { compliant: { resource: aks({ azure_policy_enabled: true }) }, nonCompliant: { resource: aks({ azure_policy_enabled: false }) } },
  "GITOPS-AKS-6": {
    compliant: { resource: aks({ oms_agent: { log_analytics_workspace_id: "${azurerm_log_analytics_workspace.w.id}" } }) },
    nonCompliant: { resource: aks({}) },
  },
  "GITOPS-AKS-7": {
    compliant: { resource: aks({ key_vault_secrets_provider: { secret_rotation_enabled: true } }) },
    nonCompliant: { resource: aks({ key_vault_secrets_provider: { secret_rotation_enabled: false } }) },
  },
  "GITOPS-AKS-8": { compliant: { resource: aks({ automatic_upgrade_channel: "patch" }) }, nonCompliant: { resource: aks({ automatic_upgrade_channel: "none" }) } },
  "GITOPS-AKS-9": { compliant: { resource: aks({ sku_tier: "Standard" }) }, nonCompliant: { resource: aks({}) } },
  "GITOPS-AKS-10": {
    compliant: { resource: aks({ default_node_pool: { only_critical_addons_enabled: true } }) },
    nonCompliant: { resource: aks({ default_node_pool: {} }) },
  },
  "GITOPS-AKS-11": {
    compliant: { resource: aks({ default_node_pool: { host_encryption_enabled: true } }) },
    nonCompliant: { resource: aks({ default_node_pool: { host_encryption_enabled: false } }) },
  },
  "GITOPS-AKS-12": { compliant: { resource: aks({ default_node_pool: { max_pods: 110 } }) }, nonCompliant: { resource: aks({ default_node_pool: {} }) } },
  "GITOPS-AKS-13": {
    compliant: { resource: aks({ oidc_issuer_enabled: true, workload_identity_enabled: true }) },
    nonCompliant: { resource: aks({ oidc_issuer_enabled: true }) },
  },
  "GITOPS-AKS-14": {
    compliant: { resource: aks({ default_node_pool: {} }) },
    nonCompliant: { resource: aks({ default_node_pool: { node_public_ip_enabled: true } }) },
  },
  "GITOPS-AKS-15": {
    compliant: {
      resource: aks({}),
      others: [diag("${azurerm_kubernetes_cluster.cluster.id}", { enabled_log: [{ category: "kube-audit-admin" }, { category: "guard" }] })],
    },
    nonCompliant: { resource: aks({}), others: [diag("${azurerm_kubernetes_cluster.cluster.id}", { enabled_log: [{ category: "guard" }] })] },
  },
  "GITOPS-AKS-16": { compliant: { resource: aks({}) }, nonCompliant: { resource: aks({ http_application_routing_enabled: true }) } },
  "GITOPS-NODE-1": { compliant: { resource: tf(POOL, { host_encryption_enabled: true }) }, nonCompliant: { resource: tf(POOL, {}) } },
  "GITOPS-NODE-2": { compliant: { resource: tf(POOL, { max_pods: 50 }) }, nonCompliant: { resource: tf(POOL, { max_pods: 30 }) } },
  "GITOPS-NODE-3": { compliant: { resource: tf(POOL, {}) }, nonCompliant: { resource: tf(POOL, { node_public_ip_enabled: true }) } },
  "GITOPS-ACR-1": { compliant: { resource: tf(ACR, { admin_enabled: false }) }, nonCompliant: { resource: tf(ACR, { admin_enabled: true }) } },
  "GITOPS-ACR-2": { compliant: { resource: tf(ACR, {}) }, nonCompliant: { resource: tf(ACR, { anonymous_pull_enabled: true }) } },
  "GITOPS-ACR-3": { compliant: { resource: tf(ACR, { public_network_access_enabled: false }) }, nonCompliant: { resource: tf(ACR, {}) } },
  "GITOPS-ACR-4": { compliant: { resource: tf(ACR, { sku: "Premium", retention_policy_in_days: 7 }) }, nonCompliant: { resource: tf(ACR, { sku: "Premium" }) } },
  "GITOPS-ACR-5": { compliant: { resource: tf(ACR, { sku: "Premium", zone_redundancy_enabled: true }) }, nonCompliant: { resource: tf(ACR, { sku: "Premium" }) } },
  "GITOPS-KV-1": { compliant: { resource: tf(KV, { purge_protection_enabled: true }) }, nonCompliant: { resource: tf(KV, {}) } },
  "GITOPS-KV-2": { compliant: { resource: tf(KV, {}) }, nonCompliant: { resource: tf(KV, { soft_delete_retention_days: 7 }) } },
  "GITOPS-KV-3": { compliant: { resource: tf(KV, { network_acls: { default_action: "Deny" } }) }, nonCompliant: { resource: tf(KV, { network_acls: { default_action: "Allow" } }) } },
  "GITOPS-KV-4": { compliant: { resource: tf(KV, { rbac_authorization_enabled: true }) }, nonCompliant: { resource: tf(KV, {}) } },
  "GITOPS-KV-5": { compliant: { resource: tf(KV, { public_network_access_enabled: false }) }, nonCompliant: { resource: tf(KV, {}) } },
  "GITOPS-KV-6": {
    compliant: { resource: tf(KV, {}), others: [tf("azurerm_private_endpoint", { private_service_connection: { private_connection_resource_id: "${azurerm_key_vault.x.id}" } }, "pe")] },
    nonCompliant: { resource: tf(KV, {}) },
  },
  "GITOPS-ST-1": { compliant: { resource: tf(ST, {}) }, nonCompliant: { resource: tf(ST, { min_tls_version: "TLS1_0" }) } },
  "GITOPS-ST-2": { compliant: { resource: tf(ST, {}) }, nonCompliant: { resource: tf(ST, { https_traffic_only_enabled: false }) } },
  "GITOPS-ST-3": { compliant: { resource: tf(ST, { allow_nested_items_to_be_public: false }) }, nonCompliant: { resource: tf(ST, {}) } },
  "GITOPS-ST-4": { compliant: { resource: tf(ST, { network_rules: { default_action: "Deny", ip_rules: ["203.0.113.0/24"] } }) }, nonCompliant: { resource: tf(ST, {}) } },
  "GITOPS-ST-5": { compliant: { resource: tf(ST, { shared_access_key_enabled: false }) }, nonCompliant: { resource: tf(ST, {}) } },
  "GITOPS-ST-6": { compliant: { resource: tf(ST, { account_replication_type: "ZRS" }) }, nonCompliant: { resource: tf(ST, { account_replication_type: "LRS" }) } },
  "GITOPS-ST-7": {
    compliant: { resource: tf(ST, { blob_properties: { delete_retention_policy: { days: 30 }, container_delete_retention_policy: { days: 30 } } }) },
    nonCompliant: { resource: tf(ST, { blob_properties: { delete_retention_policy: { days: 30 } } }) },
  },
  "GITOPS-ST-8": {
    compliant: { resource: tf(ST, {}), others: [diag("${azurerm_storage_account.x.id}/blobServices/default", { enabled_log: [{ category: "StorageRead" }] })] },
    nonCompliant: { resource: tf(ST, {}), others: [diag("${azurerm_storage_account.x.id}", { enabled_log: [{ category: "StorageRead" }] })] },
  },
  "GITOPS-ST-9": { compliant: { resource: tf("azurerm_storage_container", {}) }, nonCompliant: { resource: tf("azurerm_storage_container", { container_access_type: "blob" }) } },
  "GITOPS-NET-1": {
    compliant: { resource: tf("azurerm_subnet", { name: "nodes" }), others: [tf("azurerm_subnet_network_security_group_association", { subnet_id: "${azurerm_subnet.x.id}" }, "a")] },
    nonCompliant: { resource: tf("azurerm_subnet", { name: "nodes" }) },
  },
  "GITOPS-NET-2": { compliant: { resource: tf("azurerm_subnet", { default_outbound_access_enabled: false }) }, nonCompliant: { resource: tf("azurerm_subnet", {}) } },
  "GITOPS-NET-3": { compliant: { resource: nsg({ destination_port_range: "443" }) }, nonCompliant: { resource: nsg({ destination_port_range: "20-23" }) } },
  "GITOPS-NET-4": { compliant: { resource: nsg({ destination_port_range: "22", source_address_prefix: "10.0.0.0/8" }) }, nonCompliant: { resource: nsg({ destination_port_range: "*" }) } },
  "GITOPS-LOG-1": { compliant: { resource: tf("azurerm_log_analytics_workspace", { retention_in_days: 90 }) }, nonCompliant: { resource: tf("azurerm_log_analytics_workspace", { retention_in_days: 7 }) } },
  "GITOPS-LOG-2": {
    compliant: { resource: tf("azurerm_log_analytics_workspace", { local_authentication_enabled: false }) },
    nonCompliant: { resource: tf("azurerm_log_analytics_workspace", {}) },
  },
  "GITOPS-MON-1": { compliant: { resource: tf("azurerm_dashboard_grafana", {}) }, nonCompliant: { resource: tf("azurerm_dashboard_grafana", { api_key_enabled: true }) } },
  "GITOPS-MON-2": {
    compliant: { resource: tf("azurerm_monitor_action_group", { webhook_receiver: [{ name: "w", service_uri: "https://example.com/hook" }] }) },
    nonCompliant: { resource: tf("azurerm_monitor_action_group", { webhook_receiver: [{ name: "w", service_uri: "http://example.com/hook" }] }) },
  },
  "GITOPS-IAM-1": {
    compliant: {
      resource: tf("azurerm_role_assignment", {
        role_definition_id: "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/f58310d9-a9f6-439a-9e8d-f62e7b41a168",
        condition: "(!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {7f951dda-4ed3-4680-a7ca-43fe172d538d})",
      }),
    },
    nonCompliant: { resource: tf("azurerm_role_assignment", { role_definition_id: "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635" }) },
  },
  "GITOPS-IAM-2": {
    compliant: { resource: tf("azurerm_role_assignment", { role_definition_name: "AcrPull", scope: "/subscriptions/s/resourceGroups/rg" }) },
    nonCompliant: { resource: tf("azurerm_role_assignment", { role_definition_name: "Reader", scope: "/subscriptions/0000" }) },
  },
  "GITOPS-IAM-3": {
    compliant: { resource: tf("azurerm_federated_identity_credential", { audience: ["api://AzureADTokenExchange"], subject: "system:serviceaccount:api:api" }) },
    nonCompliant: { resource: tf("azurerm_federated_identity_credential", { audience: ["api://AzureADTokenExchange"], subject: "system:serviceaccount:api:*" }) },
  },
  "GITOPS-FLUX-1": {
    compliant: { resource: tf("azurerm_kubernetes_flux_configuration", { kustomizations: [{ name: "apps", garbage_collection_enabled: true }] }) },
    nonCompliant: { resource: tf("azurerm_kubernetes_flux_configuration", { kustomizations: [{ name: "apps" }] }) },
  },
  "GITOPS-FLUX-2": {
    compliant: { resource: tf("azurerm_kubernetes_flux_configuration", { git_repository: { url: "https://github.com/o/r.git" } }) },
    nonCompliant: { resource: tf("azurerm_kubernetes_flux_configuration", { git_repository: { url: "http://github.com/o/r.git" } }) },
  },
  "GITOPS-SECRET-1": {
    compliant: { resource: tf("helm_release", { set_sensitive: [{ name: "password", value: "${var.password}" }], "//": { note: "ghp_" } }) },
    nonCompliant: { resource: tf("azurerm_kubernetes_flux_configuration", { git_repository: { https_key_base64: "x", url: "https://user:hunter22@github.com/o/r.git" } }) },
  },
  "GITOPS-HELM-1": {
    compliant: { resource: tf("helm_release", { chart: "argo-cd", version: "7.7.11", repository: "https://argoproj.github.io/argo-helm" }) },
    nonCompliant: { resource: tf("helm_release", { chart: "argo-cd", repository: "https://argoproj.github.io/argo-helm" }) },
  },
};

const RULES = DEFAULT_POLICY_PACKS.flatMap((pack) => pack.rules).filter((rule): rule is TerraformRule => rule.target === "terraform");

describe("Terraform rules", () => {
  test("there are at least 40, each with a compliant and a non-compliant case", () => {
    expect(RULES.length).toBeGreaterThanOrEqual(40);
    expect(RULES.map((rule) => rule.id).sort()).toEqual(Object.keys(CASES).sort());
  });

  test.each(RULES.map((rule) => [rule.id, rule] as const))("%s: compliant input passes, non-compliant input fails", (id, rule) => {
    const run = ({ resource, others = [] }: TerraformCase) => {
      expect(rule.resourceTypes === "*" || rule.resourceTypes.includes(resource.type)).toBe(true);
      return rule.evaluate(resource, { resources: [resource, ...others] });
    };
    expect(run(CASES[id].compliant)).toEqual({ status: "compliant" });
    const failed = run(CASES[id].nonCompliant);
    expect(failed.status).toBe("non-compliant");
    expect((failed as { detail: string }).detail.length).toBeGreaterThan(5);
  });

  test("a value known only at apply time is reported as unresolved, never passed", () => {
    const rule = RULES.find((r) => r.id === "GITOPS-AKS-1")!;
    expect(rule.evaluate(aks({ local_account_disabled: "${var.local}" }), { resources: [] })).toEqual({
      status: "unresolved",
      detail: 'local_account_disabled is "${var.local}", known only at apply time',
    });
    const ranges = RULES.find((r) => r.id === "GITOPS-AKS-3")!;
    expect(ranges.evaluate(aks({ api_server_access_profile: { authorized_ip_ranges: "${var.ranges}" } }), { resources: [] }).status).toBe("unresolved");
  });

  test("a role id behind an expression scope is still judged by its role definition guid", () => {
    const rule = RULES.find((r) => r.id === "GITOPS-IAM-1")!;
    const id = (guid: string) => tf("azurerm_role_assignment", { role_definition_id: `\${data.azurerm_subscription.s.id}/providers/Microsoft.Authorization/roleDefinitions/${guid}` });
    expect(rule.evaluate(id("ba92f5b4-2d11-453d-a403-e96b0029c9fe"), { resources: [] })).toEqual({ status: "compliant" });
    expect(rule.evaluate(id("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"), { resources: [] }).status).toBe("non-compliant");
    expect(rule.evaluate(tf("azurerm_role_assignment", { role_definition_id: "${var.role}" }), { resources: [] }).status).toBe("unresolved");
  });

  test("Premium-only registry rules are not applicable to other SKUs", () => {
    for (const id of ["GITOPS-ACR-4", "GITOPS-ACR-5"]) {
      expect(RULES.find((r) => r.id === id)!.evaluate(tf(ACR, { sku: "Basic" }), { resources: [] })).toEqual({ status: "not-applicable" });
    }
  });
});
