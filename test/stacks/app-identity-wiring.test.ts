import * as path from "path";
import { App } from "cdktf";
import { parse } from "yaml";
import { AppSpec } from "../../lib/apps/app-spec";
import { AppPins } from "../../lib/apps/pins";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { GitOpsManifests } from "../../lib/kubernetes/gitops-manifests";
import { ArgoCdAppsStack } from "../../stacks/argocd-apps-stack";
import { buildPlatform, PlatformStacks } from "../../stacks/build-platform";
import { GitOpsStack } from "../../stacks/gitops-stack";
import { appSpec, environmentSpec, pinned, platformSpec } from "../support/fixtures";
import { applyPatches, placeholders } from "../support/kustomize";
import { synthApp } from "../support/synth";
import { danglingReferences, onlyResource, resourcesOf, synthJson } from "../support/terraform-json";

// dev syncs with Flux, prod with Argo CD; both have the same apps.
const SPEC = platformSpec({
  remoteState: { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope" },
  environments: [environmentSpec({ name: "dev", sync: "flux" }, "dev"), environmentSpec({ name: "prod", addressSpace: "10.30.0.0/16", sync: "argocd" }, "prod")],
});
const APPS: AppSpec[] = [
  appSpec({ name: "web", env: { GREETING: "hello ${HOME}" }, config: { "run.sh": "echo ${USER} ${APP_WEB_CLIENT_ID}\n" }, ingress: { host: "shop.contoso.com" } }),
  appSpec({ name: "api", port: 8000, secrets: { DB_PASSWORD: { keyVaultSecret: "api-db-password" } } }),
  appSpec({ name: "my-api", port: 8001, secrets: { TOKEN: { keyVaultSecret: "my-api-token" } } }),
  appSpec({ name: "batch", port: 9000, delivery: "terraform" }),
];
const GITOPS_APPS = ["api", "my-api", "web"];
const PINS: AppPins = Object.fromEntries(["dev", "prod"].map((env) => [env, Object.fromEntries(APPS.map((a) => [a.name, pinned(a.name)]))]));

/** Synthesizes to disk (resolving cross-stack references) and returns the stacks and the YAML files below gitops/. */
function synth(): { stacks: PlatformStacks; files: Record<string, string> } {
  const { built, output } = synthApp((app) => buildPlatform(app, SPEC, { apps: APPS, pins: PINS }));
  return { stacks: built, files: output.gitops };
}

/** The Kubernetes objects of an environment's apps layer as written (kustomization files left out). */
function appObjectsIn(files: Record<string, string>, env: string): any[] {
  return Object.entries(files)
    .filter(([file]) => file.startsWith(`${env}/apps/`) && !file.endsWith("/kustomization.yaml"))
    .map(([, text]) => parse(text));
}

const substituted = (object: any) => object.metadata.annotations?.["kustomize.toolkit.fluxcd.io/substitute"] !== "disabled";
/** A cross-stack reference to an output of `<env>-app-<app>` holding the identity's `attribute`. */
const reference = (env: string, app: string, attribute: string) =>
  new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-${env}-app-${app}\\.outputs\\.[A-Za-z0-9_-]*azurerm_user_assigned_identity[A-Za-z0-9_-]*${attribute}\\}$`);

describe("identity values reach the gitops objects", () => {
  const { stacks, files } = synth();

  test("flux: the apps kustomization substitutes every app's client id and the tenant id from the app stacks", () => {
    const json = synthJson(stacks.environments.dev.gitops);
    const [infrastructure, apps] = onlyResource(json, "azurerm_kubernetes_flux_configuration").kustomizations;
    expect(infrastructure.post_build).toBeUndefined();
    const substitute = apps.post_build.substitute;
    expect(Object.keys(substitute)).toEqual(["APP_API_CLIENT_ID", "APP_MY_API_CLIENT_ID", "APP_WEB_CLIENT_ID", "AZURE_TENANT_ID"]);
    for (const app of GITOPS_APPS) expect(substitute[`APP_${app.toUpperCase().replace(/-/g, "_")}_CLIENT_ID`]).toMatch(reference("dev", app, "client_id"));
    expect(substitute.AZURE_TENANT_ID).toMatch(reference("dev", "api", "tenant_id"));
    expect(danglingReferences(json)).toEqual([]);
  });

  test("flux: no placeholder is left unfed, and flux substitutes only the ServiceAccounts and SecretProviderClasses", () => {
    const substitute = onlyResource(synthJson(stacks.environments.dev.gitops), "azurerm_kubernetes_flux_configuration").kustomizations[1].post_build.substitute;
    const objects = appObjectsIn(files, "dev");
    const open = objects.filter(substituted);
    expect(open.map((o) => o.kind).sort()).toEqual(["SecretProviderClass", "SecretProviderClass", "ServiceAccount", "ServiceAccount", "ServiceAccount"]);
    const used = open.flatMap((o) => placeholders(JSON.stringify(o)));
    expect(used.length).toBeGreaterThan(0);
    for (const variable of used) expect(Object.keys(substitute)).toContain(variable);
    // the user's own ${...} text stays in opted-out objects
    const web = objects.filter((o) => o.metadata.namespace === "web" && /\$\{(HOME|USER)\}/.test(JSON.stringify(o)));
    expect(web.map((o) => o.kind).sort()).toEqual(["ConfigMap", "Deployment"]);
    expect(web.every((o) => !substituted(o))).toBe(true);
  });

  test("argo cd: the apps Application patches every app's ServiceAccount (and SecretProviderClass) with its own identity", () => {
    const json = synthJson(stacks.environments.prod.argoCdApps!);
    expect(danglingReferences(json)).toEqual([]);
    const application = resourcesOf(json, "kubernetes_manifest").map((m) => m.manifest).find((m) => m.kind === "Application" && m.metadata.name === "prod-apps");
    const patches = application.spec.source.kustomize.patches;
    expect(patches.map((p: any) => `${p.target.kind}/${p.target.namespace}`)).toEqual([
      "ServiceAccount/api",
      "SecretProviderClass/api",
      "ServiceAccount/my-api",
      "SecretProviderClass/my-api",
      "ServiceAccount/web",
    ]);
    for (const patch of patches) {
      const values = JSON.parse(patch.patch).map((op: any) => op.value);
      expect(values).toEqual([expect.stringMatching(reference("prod", patch.target.namespace, "client_id")), expect.stringMatching(reference("prod", patch.target.namespace, "tenant_id"))]);
    }
    expect(application.spec.source.directory).toBeUndefined();
  });

  test("argo cd: applying the patches to the written objects leaves no identity placeholder", () => {
    const application = resourcesOf(synthJson(stacks.environments.prod.argoCdApps!), "kubernetes_manifest").map((m) => m.manifest).find((m) => m.metadata.name === "prod-apps");
    const before = appObjectsIn(files, "prod");
    expect(before.filter(substituted).flatMap((o) => placeholders(JSON.stringify(o))).length).toBeGreaterThan(0);
    const after = applyPatches(before, application.spec.source.kustomize.patches);
    expect(after.filter(substituted).flatMap((o) => placeholders(JSON.stringify(o)))).toEqual([]);
    const account = after.find((o) => o.kind === "ServiceAccount" && o.metadata.name === "my-api");
    expect(account.metadata.annotations["azure.workload.identity/client-id"]).toMatch(reference("prod", "my-api", "client_id"));
  });

  test("the apps folder is a kustomize directory: the root lists the gitops apps, each app folder lists its files", () => {
    for (const env of ["dev", "prod"]) {
      expect(parse(files[`${env}/apps/kustomization.yaml`])).toEqual({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: GITOPS_APPS });
      for (const app of GITOPS_APPS) {
        const written = Object.keys(files).filter((file) => file.startsWith(`${env}/apps/${app}/`) && !file.endsWith("/kustomization.yaml")).map((file) => path.basename(file)).sort();
        expect(parse(files[`${env}/apps/${app}/kustomization.yaml`]).resources).toEqual(written);
      }
    }
    expect(Object.keys(files).some((file) => file.includes("/apps/batch/"))).toBe(false);
  });

  test("the sync engine's stack depends on the app stacks; app stacks depend only on the platform; no cycle", () => {
    const dev = stacks.environments.dev;
    const prod = stacks.environments.prod;
    for (const env of [dev, prod]) for (const app of Object.values(env.apps)) expect(app.dependencies).toEqual([env.platform]);
    for (const app of Object.values(dev.apps)) expect(dev.gitops.dependencies).toContain(app);
    for (const app of Object.values(prod.apps)) {
      expect(prod.argoCdApps!.dependencies).toContain(app);
      expect(prod.gitops.dependencies).not.toContain(app);
    }
    // depth-first search for a cycle over every stack
    const all = [stacks.state!, ...Object.values(stacks.environments).flatMap((e) => [e.platform, e.monitoring, e.gitops, ...(e.argoCdApps ? [e.argoCdApps] : []), ...Object.values(e.apps)])];
    const state = new Map<unknown, "visiting" | "done">();
    const visit = (stack: (typeof all)[number], trail: string[]): void => {
      if (state.get(stack) === "done") return;
      if (state.get(stack) === "visiting") throw new Error(`dependency cycle: ${[...trail, stack.node.id].join(" -> ")}`);
      state.set(stack, "visiting");
      for (const dependency of stack.dependencies) visit(dependency as (typeof all)[number], [...trail, stack.node.id]);
      state.set(stack, "done");
    };
    expect(() => all.forEach((stack) => visit(stack, []))).not.toThrow();
  });

  test("a gitops or argocd-apps stack refuses app stacks of another environment", () => {
    const web = buildPlatform(new App(), SPEC, { apps: [APPS[0]], pins: { dev: { web: pinned("web") } } }).environments.dev.apps.web;
    const platform = resolvePlatform(SPEC);
    const prod = platform.environments[1];
    expect(() => new GitOpsStack(new App(), { platform, environment: prod, apps: [web] })).toThrow('prod-gitops: apps contains dev-app-web of environment "dev"; pass only the app stacks of "prod"');
    const app = new App();
    const gitops = new GitOpsStack(app, { platform, environment: prod });
    expect(() => new ArgoCdAppsStack(app, { platform, environment: prod, gitops, apps: [web] })).toThrow(
      'prod-argocd-apps: apps contains dev-app-web of environment "dev"; pass only the app stacks of "prod"',
    );
  });

  test("objects written below apps/ without a kustomization fail the synth instead of being left out", () => {
    const stray = (app: App): void => {
      const built = buildPlatform(app, SPEC);
      new GitOpsManifests(built.environments.dev.gitops, "Stray", { environment: "dev", folder: "apps/stray" }).add({ apiVersion: "v1", kind: "Namespace", metadata: { name: "stray" } });
    };
    expect(() => synthApp(stray)).toThrow('dev-gitops: dev-gitops/Stray writes to apps/ folder "apps/stray", which no kustomization.yaml lists; write into a folder apps/<name> and add a KustomizationFile for it');
  });
});
