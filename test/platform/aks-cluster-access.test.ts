import { App, TerraformStack } from "cdktf";
import { AKS_AAD_SERVER_APPLICATION_ID, AksClusterAccess, AksClusterAccessProps } from "../../lib/platform/aks-cluster-access";
import { danglingReferences, synthJson } from "../support/terraform-json";

function build(props: Partial<AksClusterAccessProps> = {}) {
  const stack = new TerraformStack(new App(), "dev-gitops");
  new AksClusterAccess(stack, "Cluster", { cluster: { name: "aks-contoso-dev", resourceGroupName: "rg-contoso-dev" }, ...props });
  return synthJson(stack);
}

describe("AksClusterAccess", () => {
  test("looks the cluster up by name and configures no provider unless asked", () => {
    const json = build();
    expect(Object.values(json.data?.azurerm_kubernetes_cluster ?? {}).map((d: any) => [d.name, d.resource_group_name])).toEqual([["aks-contoso-dev", "rg-contoso-dev"]]);
    expect(json.provider).toBeUndefined();
  });

  test("configures kubernetes and helm with the cluster's address, CA and a kubelogin token, never credentials", () => {
    const json = build({ kubernetesProvider: true, helmProvider: true });
    const exec = {
      api_version: "client.authentication.k8s.io/v1beta1",
      command: "kubelogin",
      args: ["get-token", "--login", "azurecli", "--server-id", AKS_AAD_SERVER_APPLICATION_ID],
    };
    const host = expect.stringMatching(/^\$\{data\.azurerm_kubernetes_cluster\.Cluster_[A-F0-9]+\.kube_config\[0\]\.host\}$/);
    const ca = expect.stringMatching(/^\$\{base64decode\(data\.azurerm_kubernetes_cluster\.Cluster_[A-F0-9]+\.kube_config\[0\]\.cluster_ca_certificate\)\}$/);
    expect(json.provider?.kubernetes).toEqual([{ host, cluster_ca_certificate: ca, exec: [exec] }]);
    expect(json.provider?.helm).toEqual([{ kubernetes: { host, cluster_ca_certificate: ca, exec } }]);
    expect(JSON.stringify(json.provider)).not.toMatch(/"(client_key|client_certificate|token|password|username)":|kube_admin_config/);
    expect(danglingReferences(json)).toEqual([]);
    expect(JSON.stringify(json.output ?? {})).toBe("{}");
  });

  test("the kubelogin mode is configurable and validated", () => {
    expect(build({ kubernetesProvider: true, kubeloginMode: "workloadidentity" }).provider?.kubernetes[0].exec[0].args).toContain("workloadidentity");
    expect(() => build({ kubeloginMode: "devicecode" as never })).toThrow('dev-gitops/Cluster: kubeloginMode "devicecode" is not valid');
  });
});
