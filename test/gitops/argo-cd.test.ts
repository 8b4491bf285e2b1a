import { App, TerraformStack } from "cdktf";
import { parse } from "yaml";
import { ARGO_CD_CHART_VERSION, ARGO_CD_DEFAULT_RESOURCES, ArgoCd, ArgoCdProps } from "../../lib/gitops/argo-cd";
import { GitSource, GitSourceProps } from "../../lib/gitops/git-source";
import { danglingReferences, onlyResource, resourcesOf, synthJson } from "../support/terraform-json";

const keyVault = { name: "kv-contoso-prod", resourceGroupName: "rg-contoso-prod" };

function build(props: Partial<ArgoCdProps> = {}, sourceProps: Partial<GitSourceProps> = {}) {
  const stack = new TerraformStack(new App(), "prod-gitops");
  const source = new GitSource(stack, "Source", { url: "https://github.com/contoso/platform-gitops.git", path: "environments/prod/apps", ...sourceProps });
  const argo = new ArgoCd(stack, "ArgoCd", { source, ...props });
  return { stack, argo, json: () => synthJson(stack) };
}

function values(json: ReturnType<typeof synthJson>): any {
  return parse(onlyResource(json, "helm_release").values[0]);
}

describe("ArgoCd", () => {
  test("installs the argo-cd chart, pinned, into its own namespace, atomically", () => {
    const json = build().json();
    const release = onlyResource(json, "helm_release");
    expect(release).toMatchObject({
      name: "argocd",
      chart: "argo-cd",
      repository: "https://argoproj.github.io/argo-helm",
      version: ARGO_CD_CHART_VERSION,
      create_namespace: false,
      atomic: true,
      wait: true,
    });
    expect(release.namespace).toMatch(/^\$\{kubernetes_namespace_v1\.ArgoCd_Namespace_[A-F0-9]+\.metadata\[0\]\.name\}$/);
    expect(onlyResource(json, "kubernetes_namespace_v1").metadata.name).toBe("argocd");
    expect(ARGO_CD_CHART_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(danglingReferences(json)).toEqual([]);
  });

  test("secure defaults: admin user and dex off, deny-by-default rbac, no exec, crds kept", () => {
    const v = values(build().json());
    expect(v.configs.cm["admin.enabled"]).toBe(false);
    expect(v.configs.cm["exec.enabled"]).toBe(false);
    expect(v.configs.rbac["policy.default"]).toBe("");
    expect(v.dex.enabled).toBe(false);
    expect(v.crds).toEqual({ install: true, keep: true });
  });

  test("the repository poll interval becomes the reconciliation timeout", () => {
    expect(values(build({}, { syncInterval: "2m" }).json()).configs.cm["timeout.reconciliation"]).toBe("120s");
  });

  test("every component has requests and limits; single replicas without HA", () => {
    const v = values(build().json());
    for (const component of ["controller", "server", "repoServer", "applicationSet", "notifications", "redis"] as const) {
      expect(v[component].resources).toEqual(ARGO_CD_DEFAULT_RESOURCES[component]);
    }
    expect([v.server.replicas, v.repoServer.replicas, v.applicationSet.replicas, v.controller.replicas]).toEqual([1, 1, 1, 1]);
    expect(v["redis-ha"]).toEqual({ enabled: false });
    expect(v.server.pdb.enabled).toBe(false);
  });

  test("HA: redis-ha, two replicas of the stateless components, disruption budgets that keep one pod available", () => {
    const v = values(build({ highAvailability: true }).json());
    expect(v["redis-ha"].enabled).toBe(true);
    expect(v["redis-ha"].haproxy.resources).toEqual(ARGO_CD_DEFAULT_RESOURCES.redis);
    expect([v.server.replicas, v.repoServer.replicas, v.applicationSet.replicas]).toEqual([2, 2, 2]);
    expect(v.controller.replicas).toBe(1);
    // an enabled budget without minAvailable renders as minAvailable: 0 in the chart, which protects nothing
    for (const component of ["server", "repoServer", "applicationSet"]) expect(v[component].pdb).toEqual({ enabled: true, minAvailable: 1 });
    // a budget on the single controller would either block node drains or do nothing
    expect(v.controller.pdb).toBeUndefined();
    expect(onlyResource(build({ highAvailability: true }).json(), "helm_release").values[0]).not.toMatch(/[&*]a\d/);
  });

  test("extra values merge deeply, resources replace per component, admin stays off unless asked", () => {
    const custom = { requests: { cpu: "1", memory: "1Gi" }, limits: { cpu: "2", memory: "4Gi" } };
    const v = values(
      build({ resources: { repoServer: custom }, values: { configs: { cm: { url: "https://argocd.contoso.com", "admin.enabled": true } }, global: { domain: "argocd.contoso.com" } } }).json(),
    );
    expect(v.repoServer.resources).toEqual(custom);
    expect(v.server.resources).toEqual(ARGO_CD_DEFAULT_RESOURCES.server);
    expect(v.configs.cm).toMatchObject({ url: "https://argocd.contoso.com", "admin.enabled": false, "exec.enabled": false });
    expect(v.global.domain).toBe("argocd.contoso.com");
    expect(values(build({ adminUserEnabled: true }).json()).configs.cm["admin.enabled"]).toBe(true);
  });

  test("a public repository needs no repository secret", () => {
    expect(resourcesOf(build().json(), "kubernetes_secret_v1")).toEqual([]);
  });

  test("https credentials become a repository secret of key vault references", () => {
    const json = build({}, { auth: { kind: "https", usernameSecretName: "git-user", passwordSecretName: "git-token" }, keyVault }).json();
    const secret = onlyResource(json, "kubernetes_secret_v1");
    expect(secret.metadata.name).toBe("gitops-repository");
    expect(secret.metadata.labels["argocd.argoproj.io/secret-type"]).toBe("repository");
    expect(secret.data).toEqual({
      type: "git",
      url: "https://github.com/contoso/platform-gitops.git",
      username: expect.stringMatching(/^\$\{data\.azurerm_key_vault_secret\.Source_Secret-git-user_[A-F0-9]+\.value\}$/),
      password: expect.stringMatching(/^\$\{data\.azurerm_key_vault_secret\.Source_Secret-git-token_[A-F0-9]+\.value\}$/),
    });
    expect(danglingReferences(json)).toEqual([]);
  });

  test("ssh: the private key goes to the repository secret, known hosts into the chart values, both by reference", () => {
    const json = build({}, { url: "git@github.com:contoso/gitops.git", auth: { kind: "ssh", privateKeySecretName: "gitops-key", knownHostsSecretName: "gitops-hosts" }, keyVault }).json();
    expect(onlyResource(json, "kubernetes_secret_v1").data.sshPrivateKey).toMatch(/^\$\{data\.azurerm_key_vault_secret\.Source_Secret-gitops-key_[A-F0-9]+\.value\}$/);
    const release = onlyResource(json, "helm_release");
    expect(release.values).toHaveLength(2);
    expect(release.values[1]).toMatch(/^\$\{yamlencode\(\{"configs" = \{"ssh" = \{"extraHosts" = data\.azurerm_key_vault_secret\.Source_Secret-gitops-hosts_[A-F0-9]+\.value\}\}\}\)\}$/);
    expect(danglingReferences(json)).toEqual([]);
  });

  test("rejects bad input", () => {
    expect(() => build({ chartVersion: "^9.0.0" })).toThrow('prod-gitops/ArgoCd: chartVersion "^9.0.0" is not a pinned chart version; use MAJOR.MINOR.PATCH');
    expect(() => build({ namespace: "Argo_CD" })).toThrow('prod-gitops/ArgoCd: namespace "Argo_CD" is not a kubernetes namespace name');
    expect(() => build({ resources: { dex: ARGO_CD_DEFAULT_RESOURCES.server } as never })).toThrow('prod-gitops/ArgoCd: resources names unknown component "dex"');
    expect(() => build({ resources: { server: { requests: { cpu: "1", memory: "1Gi" } } as never } })).toThrow(
      "prod-gitops/ArgoCd: resources.server needs requests and limits for both cpu and memory",
    );
  });
});
