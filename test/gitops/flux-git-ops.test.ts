import { App, TerraformStack } from "cdktf";
import { FLUX_EXTENSION_VERSION, FluxGitOps, FluxGitOpsProps } from "../../lib/gitops/flux-git-ops";
import { GitSource, GitSourceProps } from "../../lib/gitops/git-source";
import { danglingReferences, onlyResource, synthJson } from "../support/terraform-json";

const CLUSTER_ID = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks";
const keyVault = { name: "kv-contoso-dev", resourceGroupName: "rg-contoso-dev" };

function build(props: Partial<FluxGitOpsProps> = {}, sourceProps: Partial<GitSourceProps> = {}) {
  const stack = new TerraformStack(new App(), "dev-gitops");
  const source = new GitSource(stack, "Source", {
    url: "https://github.com/contoso/platform-gitops.git",
    path: "environments/dev/apps",
    syncInterval: "1m",
    ...sourceProps,
  });
  const flux = new FluxGitOps(stack, "Flux", { cluster: { id: CLUSTER_ID }, name: "flux-contoso-dev", source, ...props });
  return { stack, flux, json: () => synthJson(stack) };
}

describe("FluxGitOps", () => {
  test("installs the microsoft.flux extension with a pinned version and no release train", () => {
    const extension = onlyResource(build().json(), "azurerm_kubernetes_cluster_extension");
    expect(extension).toMatchObject({ name: "flux", cluster_id: CLUSTER_ID, extension_type: "microsoft.flux", version: FLUX_EXTENSION_VERSION, release_namespace: "flux-system" });
    expect(extension.release_train).toBeUndefined();
    expect(FLUX_EXTENSION_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
    expect(extension.configuration_settings["image-automation-controller.enabled"]).toBe("false");
  });

  test("auto upgrade is an explicit opt-in along the Stable train", () => {
    const extension = onlyResource(build({ autoUpgrade: true }).json(), "azurerm_kubernetes_cluster_extension");
    expect(extension.version).toBeUndefined();
    expect(extension.release_train).toBe("Stable");
  });

  test("configures a cluster-scoped flux configuration on the branch, after the extension", () => {
    const json = build().json();
    const config = onlyResource(json, "azurerm_kubernetes_flux_configuration");
    expect(config).toMatchObject({ name: "flux-contoso-dev", cluster_id: CLUSTER_ID, namespace: "flux-system", scope: "cluster", continuous_reconciliation_enabled: true });
    expect(config.depends_on).toEqual([expect.stringMatching(/^azurerm_kubernetes_cluster_extension\./)]);
    expect(config.git_repository).toEqual({
      url: "https://github.com/contoso/platform-gitops.git",
      reference_type: "branch",
      reference_value: "main",
      sync_interval_in_seconds: 60,
      timeout_in_seconds: 600,
    });
    expect(danglingReferences(json)).toEqual([]);
  });

  test("syncs an infrastructure layer, then the apps layer, with prune and wait on", () => {
    const { kustomizations } = onlyResource(build().json(), "azurerm_kubernetes_flux_configuration");
    const common = { garbage_collection_enabled: true, wait: true, recreating_enabled: false, sync_interval_in_seconds: 60, retry_interval_in_seconds: 60, timeout_in_seconds: 600 };
    expect(kustomizations).toEqual([
      { name: "infrastructure", path: "environments/dev/infrastructure", ...common },
      { name: "apps", path: "environments/dev/apps", depends_on: ["infrastructure"], ...common },
    ]);
  });

  test("prune, wait, intervals and layer names can be changed", () => {
    const { kustomizations } = onlyResource(
      build({ prune: false, wait: false, retryInterval: "30s", timeout: "5m", infrastructureKustomizationName: "infra", appsKustomizationName: "workloads", infrastructurePath: "clusters/dev" }).json(),
      "azurerm_kubernetes_flux_configuration",
    );
    expect(kustomizations[0]).toMatchObject({ name: "infra", path: "clusters/dev", garbage_collection_enabled: false, wait: false, retry_interval_in_seconds: 30, timeout_in_seconds: 300 });
    expect(kustomizations[1]).toMatchObject({ name: "workloads", depends_on: ["infra"] });
  });

  test("ssh credentials are base64 of key vault references", () => {
    const json = build(
      {},
      { url: "ssh://git@github.com/contoso/gitops.git", auth: { kind: "ssh", privateKeySecretName: "gitops-ssh-key", knownHostsSecretName: "gitops-known-hosts" }, keyVault },
    ).json();
    const repo = onlyResource(json, "azurerm_kubernetes_flux_configuration").git_repository;
    expect(repo.ssh_private_key_base64).toMatch(/^\$\{base64encode\(data\.azurerm_key_vault_secret\.Source_Secret-gitops-ssh-key_[A-F0-9]+\.value\)\}$/);
    expect(repo.ssh_known_hosts_base64).toMatch(/^\$\{base64encode\(data\.azurerm_key_vault_secret\.Source_Secret-gitops-known-hosts_[A-F0-9]+\.value\)\}$/);
    expect(repo.https_user).toBeUndefined();
    expect(danglingReferences(json)).toEqual([]);
  });

  test("https credentials are key vault references", () => {
    const json = build({}, { auth: { kind: "https", usernameSecretName: "git-user", passwordSecretName: "git-token" }, keyVault }).json();
    const repo = onlyResource(json, "azurerm_kubernetes_flux_configuration").git_repository;
    expect(repo.https_user).toMatch(/^\$\{data\.azurerm_key_vault_secret\.Source_Secret-git-user_[A-F0-9]+\.value\}$/);
    expect(repo.https_key_base64).toMatch(/^\$\{base64encode\(data\.azurerm_key_vault_secret\.Source_Secret-git-token_[A-F0-9]+\.value\)\}$/);
  });

  test("a local auth reference replaces the key vault lookups", () => {
    const json = build({ localAuthReference: "gitops-credentials" }, { auth: { kind: "https", usernameSecretName: "git-user", passwordSecretName: "git-token" }, keyVault }).json();
    const repo = onlyResource(json, "azurerm_kubernetes_flux_configuration").git_repository;
    expect(repo.local_auth_reference).toBe("gitops-credentials");
    expect(repo.https_key_base64).toBeUndefined();
    expect(json.data).toBeUndefined();
  });

  test.each([
    ["31 characters", "flux-contoso-development-cluster"],
    ["upper case", "Flux-contoso"],
    ["a trailing hyphen", "flux-"],
    ["a leading hyphen", "-flux"],
    ["an underscore", "flux_contoso"],
    ["nothing", ""],
  ])("rejects a configuration name with %s", (_label, name) => {
    expect(() => build({ name })).toThrow(`dev-gitops/Flux: name "${name}" is not a valid flux name; azure allows 1-30 lower-case letters, digits and hyphens`);
  });

  test("accepts names at the limits of the rule", () => {
    expect(() => build({ name: "a" })).not.toThrow();
    expect(() => build({ name: "a".repeat(30) })).not.toThrow();
  });

  test("rejects bad kustomization names", () => {
    expect(() => build({ appsKustomizationName: "Apps" })).toThrow('dev-gitops/Flux: appsKustomizationName "Apps" is not a valid flux name');
    expect(() => build({ infrastructureKustomizationName: "i".repeat(31) })).toThrow(`infrastructureKustomizationName "${"i".repeat(31)}" is not a valid flux name`);
    expect(() => build({ infrastructureKustomizationName: "apps" })).toThrow(
      'dev-gitops/Flux: infrastructureKustomizationName and appsKustomizationName are both "apps"; give each kustomization its own name',
    );
  });

  test("rejects other bad input", () => {
    expect(() => build({ extensionVersion: "latest" })).toThrow('dev-gitops/Flux: extensionVersion "latest" is not a pinned version');
    expect(() => build({ extensionVersion: "1.19.5", autoUpgrade: true })).toThrow('extensionVersion "1.19.5" is set together with autoUpgrade');
    expect(() => build({ namespace: "Flux" })).toThrow('dev-gitops/Flux: namespace "Flux" is not a kubernetes namespace name');
    expect(() => build({ retryInterval: "soon" })).toThrow('dev-gitops/Flux: retryInterval "soon" is not a duration');
    expect(() => build({ timeout: "10" })).toThrow('dev-gitops/Flux: timeout "10" is not a duration');
    expect(() => build({ infrastructurePath: "../infra" })).toThrow('dev-gitops/Flux: infrastructurePath "../infra" is not a relative path inside the repository');
    expect(() => build({ localAuthReference: "creds" })).toThrow('dev-gitops/Flux: localAuthReference "creds" is set for a public repository');
    expect(() => build({ localAuthReference: "Git Creds" }, { auth: { kind: "https", usernameSecretName: "u", passwordSecretName: "p" }, keyVault })).toThrow(
      'dev-gitops/Flux: localAuthReference "Git Creds" is not a secret name azure accepts; use 1-63 lower-case letters, digits and hyphens',
    );
    // azurerm's local_auth_reference rule: no dots, at most 63 characters (a kubernetes secret name may have both)
    for (const name of ["gitops.credentials", "c".repeat(64)]) {
      expect(() => build({ localAuthReference: name }, { auth: { kind: "https", usernameSecretName: "u", passwordSecretName: "p" }, keyVault })).toThrow(
        `dev-gitops/Flux: localAuthReference "${name}" is not a secret name azure accepts`,
      );
    }
    expect(() => build({ localAuthReference: "c".repeat(63) }, { auth: { kind: "https", usernameSecretName: "u", passwordSecretName: "p" }, keyVault })).not.toThrow();
  });

  test("apps substitutions become post_build.substitute of the apps kustomization only, keys sorted", () => {
    const { kustomizations } = onlyResource(
      build({ appsSubstitutions: { AZURE_TENANT_ID: "t", APP_WEB_CLIENT_ID: "${azurerm_user_assigned_identity.web.client_id}", APP_API_CLIENT_ID: "a" } }).json(),
      "azurerm_kubernetes_flux_configuration",
    );
    expect(kustomizations[0].post_build).toBeUndefined();
    expect(kustomizations[1].post_build).toEqual({
      substitute: { APP_API_CLIENT_ID: "a", APP_WEB_CLIENT_ID: "${azurerm_user_assigned_identity.web.client_id}", AZURE_TENANT_ID: "t" },
    });
    expect(Object.keys(kustomizations[1].post_build.substitute)).toEqual(["APP_API_CLIENT_ID", "APP_WEB_CLIENT_ID", "AZURE_TENANT_ID"]);
  });

  test("without apps substitutions there is no post_build block", () => {
    const { kustomizations } = onlyResource(build({ appsSubstitutions: {} }).json(), "azurerm_kubernetes_flux_configuration");
    expect(kustomizations.map((k: any) => k.post_build)).toEqual([undefined, undefined]);
  });

  test.each(["APP-WEB", "1APP", "APP.WEB", ""])("rejects the flux variable name %p", (name) => {
    expect(() => build({ appsSubstitutions: { [name]: "x" } })).toThrow(
      `dev-gitops/Flux: appsSubstitutions has variable "${name}", which flux cannot substitute; use letters, digits and underscores, not starting with a digit`,
    );
  });
});
