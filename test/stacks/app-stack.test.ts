import * as path from "path";
import { parse } from "yaml";
import { AppSpec } from "../../lib/apps/app-spec";
import { AppPins } from "../../lib/apps/pins";
import { App } from "cdktf";
import { AppStack, withValidatedApp } from "../../stacks/app-stack";
import { buildPlatform } from "../../stacks/build-platform";
import { appSpec, pinned, platformSpec } from "../support/fixtures";
import { synthApp } from "../support/synth";
import { danglingReferences, onlyResource, resourcesOf, synthJson } from "../support/terraform-json";

const WEB = appSpec({ name: "web", config: { "settings.json": "{}\n" }, ingress: { host: "shop.contoso.com" } });
const API = appSpec({ name: "api", port: 8000, secrets: { DB_PASSWORD: { keyVaultSecret: "api-db-password" } }, alerts: { severity: 1 } });
const PINS: AppPins = {
  dev: { api: pinned("api", "2.1.0"), web: pinned("web", "1.5.0") },
  staging: { api: pinned("api", "2.0.1"), web: pinned("web", "1.5.0") },
  prod: { web: pinned("web", "1.4.2") },
};

const SPEC = platformSpec({ remoteState: { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope" } });

/** Builds and synthesizes the whole app to disk once (which resolves cross-stack references), for `synthJson`. */
function built(apps: readonly AppSpec[] = [WEB, API], pins: AppPins = PINS) {
  return { stacks: synthApp((app) => buildPlatform(app, SPEC, { apps, pins })).built };
}

/** Every file of a synth, path → content. */
function synthFiles(apps: readonly AppSpec[], pins: AppPins): Readonly<Record<string, string>> {
  return synthApp((app) => buildPlatform(app, SPEC, { apps, pins })).output.files;
}

describe("AppStack", () => {
  const { stacks } = built();

  test("one <env>-app-<app> stack per pin, depending on <env>-platform", () => {
    expect(Object.keys(stacks.environments.dev.apps).sort()).toEqual(["api", "web"]);
    expect(Object.keys(stacks.environments.prod.apps)).toEqual(["web"]);
    const web = stacks.environments.dev.apps.web;
    expect(web.node.id).toBe("dev-app-web");
    expect(web.dependencies).toContain(stacks.environments.dev.platform);
  });

  test("managed identity with a federated credential for the service account, issuer from the platform's cluster", () => {
    const json = synthJson(stacks.environments.dev.apps.web);
    expect(onlyResource(json, "azurerm_user_assigned_identity")).toMatchObject({ name: "id-contoso-dev-web", location: "westeurope", resource_group_name: "rg-contoso-dev" });
    const credential = onlyResource(json, "azurerm_federated_identity_credential");
    expect(credential).toMatchObject({
      name: "fic-contoso-dev-web",
      subject: "system:serviceaccount:web:web",
      audience: ["api://AzureADTokenExchange"],
      parent_id: "${azurerm_user_assigned_identity.Identity_2D60E2CC.id}",
    });
    expect(credential.issuer).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-dev-platform\.outputs\..*oidc_issuer_url\}$/);
    expect(resourcesOf(json, "azurerm_role_assignment")).toEqual([]);
    expect(json.terraform?.backend?.azurerm).toMatchObject({ key: "dev/app-web.tfstate", use_azuread_auth: true });
    expect(danglingReferences(json)).toEqual([]);
  });

  test("an app with secrets gets Key Vault Secrets User on the environment's vault", () => {
    const json = synthJson(stacks.environments.dev.apps.api);
    const role = onlyResource(json, "azurerm_role_assignment");
    expect(role).toMatchObject({ role_definition_name: "Key Vault Secrets User", principal_type: "ServicePrincipal", principal_id: "${azurerm_user_assigned_identity.Identity_2D60E2CC.principal_id}" });
    expect(role.scope).toMatch(/cross-stack-reference-input-dev-platform\.outputs\..*key_vault.*id\}$/);
    expect(danglingReferences(json)).toEqual([]);
  });

  test("exposes alert targets for monitoring and identity variables for the sync engine", () => {
    expect(stacks.environments.dev.apps.api.alertTarget).toEqual({ name: "api", namespace: "api", alerts: { severity: 1 } });
    expect(Object.keys(stacks.environments.dev.apps.web.identityVariables).sort()).toEqual(["APP_WEB_CLIENT_ID", "AZURE_TENANT_ID"]);
  });

  test("gitops delivery writes the objects as YAML, with no secret value and no kubernetes_manifest", () => {
    const web = stacks.environments.dev.apps.web;
    const files = web.manifests!.render();
    expect(Object.keys(files).every((file) => file.startsWith("dev/apps/web/"))).toBe(true);
    expect(files["dev/apps/web/deployment-web.yaml"]).toContain(`image: ${pinned("web", "1.5.0")}`);
    expect(parse(files["dev/apps/web/serviceaccount-web.yaml"]).metadata.annotations["azure.workload.identity/client-id"]).toBe("${APP_WEB_CLIENT_ID}");
    expect(parse(web.kustomization!.render()["dev/apps/web/kustomization.yaml"]).resources).toEqual(Object.keys(files).map((file) => path.basename(file)).sort());
    expect(synthJson(web).resource?.kubernetes_manifest).toBeUndefined();
  });

  test("terraform delivery emits kubernetes_manifest resources through a kubelogin-configured provider", () => {
    const { stacks: tf } = built([{ ...API, delivery: "terraform" }], { dev: { api: pinned("api") } });
    const stack = tf.environments.dev.apps.api;
    expect(stack.manifests).toBeUndefined();
    const json = synthJson(stack);
    const manifests = resourcesOf(json, "kubernetes_manifest");
    expect(manifests.map((m) => `${m.manifest.kind}/${m.manifest.metadata.name}`).sort()).toEqual(
      stack.objects.map((o) => `${o.kind}/${o.metadata.name}`).sort(),
    );
    const account = manifests.find((m) => m.manifest.kind === "ServiceAccount");
    expect(account.manifest.metadata.annotations["azure.workload.identity/client-id"]).toBe("${azurerm_user_assigned_identity.Identity_2D60E2CC.client_id}");
    const provider = json.provider!.kubernetes[0];
    expect(provider.exec[0]).toMatchObject({ command: "kubelogin", args: expect.arrayContaining(["get-token", "--login", "azurecli"]) });
    expect(provider.token).toBeUndefined();
    expect(provider.client_key).toBeUndefined();
    expect(danglingReferences(json)).toEqual([]);
  });

  test("an AppStack made on its own checks its app; one made by buildPlatform is not checked twice, and the next one on its own is", () => {
    const dev = stacks.environments.dev;
    const props = (app: AppSpec) => ({ platform: stacks.platform, environment: dev.platform.environment, app, image: pinned(app.name, "1.0.0"), platformStack: dev.platform });
    const bad = { ...WEB, name: "bad", port: 70000 };
    expect(() => new AppStack(new App(), props(bad))).toThrow(/app of dev-app-bad.*port/s);
    // as buildPlatform makes it, after it validated the whole spec
    expect(() => withValidatedApp(bad, () => new AppStack(new App(), props(bad)))).not.toThrow();
    expect(() => new AppStack(new App(), props(bad))).toThrow(/port/);
  });

  test.each(["dev", "staging"])("%s-app-api matches its snapshot", (env) => {
    expect(synthJson(stacks.environments[env].apps.api)).toMatchSnapshot();
  });
});

describe("app synth output", () => {
  test("two synths of the same input are byte-identical", () => {
    const first = synthFiles([WEB, API], PINS);
    expect(Object.keys(first).some((file) => file.startsWith("gitops/dev/apps/web/"))).toBe(true);
    expect(synthFiles([WEB, API], PINS)).toEqual(first);
  });

  test("changing one app's digest changes only that app's manifests folder", () => {
    const before = synthFiles([WEB, API], PINS);
    const after = synthFiles([WEB, API], { ...PINS, staging: { ...PINS.staging, web: pinned("web", "1.6.0", "web-1.6.0") } });
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((file) => before[file] !== after[file]).sort();
    expect(changed).toEqual(["gitops/staging/apps/web/deployment-web.yaml"]);
  });

  test("changing one app's config changes only its folder: a new hashed ConfigMap replaces the old file", () => {
    const before = synthFiles([WEB, API], PINS);
    const after = synthFiles([{ ...WEB, config: { "settings.json": '{"x":1}\n' } }, API], PINS);
    // The policy report lists the manifest files it evaluated (the new ConfigMap's name); it is not published.
    const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((file) => before[file] !== after[file] && !file.startsWith("policy-"));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((file) => /^gitops\/(dev|staging|prod)\/apps\/web\//.test(file))).toBe(true);
    expect(changed.filter((file) => file.includes("configmap-web-config-"))).toHaveLength(6);
  });
});
