import { App, Lazy, TerraformStack } from "cdktf";
import { PLATFORM_NAMESPACES } from "../../lib/core/namespaces";
import { ArgoCdSync, ArgoCdSyncProps } from "../../lib/gitops/argo-cd-sync";
import { GitSource } from "../../lib/gitops/git-source";
import { KubernetesObject, validateKubernetesObject } from "../../lib/kubernetes/kubernetes-object";
import { synthApp } from "../support/synth";
import { danglingReferences, resourcesOf, synthJson } from "../support/terraform-json";

/** A reference of the library (a token), as app identities give: it resolves, while user text is a Terraform literal. */
const CLIENT_ID = Lazy.stringValue({ produce: () => "${azurerm_user_assigned_identity.web.client_id}" });

const infrastructure: KubernetesObject[] = [
  { apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "apps-critical" }, value: 100000 },
  { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "platform-environment", namespace: "kube-public" }, data: { environment: "dev" } },
];

function build(props: Partial<ArgoCdSyncProps> = {}) {
  const stack = new TerraformStack(new App(), "dev-argocd-apps");
  const source = new GitSource(stack, "Source", { url: "https://github.com/contoso/platform-gitops.git", branch: "release", path: "environments/dev/apps" });
  const sync = new ArgoCdSync(stack, "Sync", { environment: "dev", source, ...props });
  const json = synthJson(stack);
  const manifests = resourcesOf(json, "kubernetes_manifest");
  const object = (kind: string, name: string) => manifests.find((m) => m.manifest.kind === kind && m.manifest.metadata.name === name)?.manifest;
  return { sync, json, manifests, object };
}

describe("ArgoCdSync", () => {
  test("every synthesized object validates against the argo cd schema", () => {
    const { manifests, json } = build({ infrastructureObjects: { objects: infrastructure } });
    expect(manifests.map((m) => `${m.manifest.kind}/${m.manifest.metadata.name}`).sort()).toEqual([
      "AppProject/dev",
      "AppProject/dev-infrastructure",
      "Application/dev-apps",
      "Application/dev-infrastructure",
    ]);
    for (const m of manifests) expect(() => validateKubernetesObject(m.manifest, "test")).not.toThrow();
    expect(danglingReferences(json)).toEqual([]);
  });

  test("the apps Application syncs the apps path automatically with prune, self-heal and retry with backoff", () => {
    const app = build().object("Application", "dev-apps");
    expect(app.metadata).toMatchObject({ namespace: "argocd", finalizers: ["resources-finalizer.argocd.argoproj.io"] });
    expect(app.spec.project).toBe("dev");
    expect(app.spec.source).toEqual({
      repoURL: "https://github.com/contoso/platform-gitops.git",
      targetRevision: "release",
      path: "environments/dev/apps",
    });
    expect(app.spec.destination.server).toBe("https://kubernetes.default.svc");
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true, allowEmpty: false });
    expect(app.spec.syncPolicy.retry).toEqual({ limit: 5, backoff: { duration: "5s", factor: 2, maxDuration: "3m" } });
  });

  test("the apps AppProject allows only the repository, denies platform namespaces by default and allows Namespaces", () => {
    const project = build().object("AppProject", "dev");
    expect(project.spec.sourceRepos).toEqual(["https://github.com/contoso/platform-gitops.git"]);
    const namespaces = project.spec.destinations.map((d: any) => d.namespace);
    expect(namespaces.slice(0, -1)).toEqual(PLATFORM_NAMESPACES.map((ns) => `!${ns}`));
    expect(namespaces[namespaces.length - 1]).toBe("*");
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: "", kind: "Namespace" }]);
  });

  test("given app namespaces, the AppProject allows exactly those and the Application falls back to the first", () => {
    const { object } = build({ appNamespaces: ["web", "orders"] });
    expect(object("AppProject", "dev").spec.destinations).toEqual([
      { server: "https://kubernetes.default.svc", namespace: "web" },
      { server: "https://kubernetes.default.svc", namespace: "orders" },
    ]);
    expect(object("Application", "dev-apps").spec.destination.namespace).toBe("web");
  });

  test("the infrastructure AppProject is limited to the kinds and namespaces of the infrastructure objects", () => {
    const { object } = build({ infrastructureObjects: { objects: infrastructure } });
    const project = object("AppProject", "dev-infrastructure");
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: "scheduling.k8s.io", kind: "PriorityClass" }]);
    expect(project.spec.destinations).toEqual([{ server: "https://kubernetes.default.svc", namespace: "kube-public" }]);
    const app = object("Application", "dev-infrastructure");
    expect(app.spec).toMatchObject({ project: "dev-infrastructure", source: { path: "environments/dev/infrastructure" }, destination: { namespace: "kube-public" } });
    expect(app.spec.source.directory).toEqual({ recurse: true });
    expect(app.spec.source.kustomize).toBeUndefined();
  });

  test("each Application depends on its AppProject", () => {
    const { manifests } = build({ infrastructureObjects: { objects: infrastructure } });
    const dependsOn = (name: string) => manifests.find((m) => m.manifest.kind === "Application" && m.manifest.metadata.name === name).depends_on;
    expect(dependsOn("dev-apps")).toEqual([expect.stringMatching(/^kubernetes_manifest\.Sync_AppProject-dev_[A-F0-9]+$/)]);
    expect(dependsOn("dev-infrastructure")).toEqual([expect.stringMatching(/^kubernetes_manifest\.Sync_AppProject-dev-infrastructure_[A-F0-9]+$/)]);
    expect(manifests.filter((m) => m.manifest.kind === "AppProject").every((m) => m.depends_on === undefined)).toBe(true);
  });

  test("without app namespaces, the apps AppProject allows the namespaces of the apps layer, read at synth time", () => {
    const stack = new TerraformStack(new App(), "dev-argocd-apps");
    const source = new GitSource(stack, "Source", { url: "https://github.com/contoso/platform-gitops.git", path: "environments/dev/apps" });
    const appObjects: KubernetesObject[] = [];
    const sync = new ArgoCdSync(stack, "Sync", { environment: "dev", source, appObjects: { objects: appObjects } });
    appObjects.push(
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "web" } },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "web" } },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "orders", namespace: "orders" } },
    );
    const project = resourcesOf(synthJson(stack), "kubernetes_manifest").find((m) => m.manifest.kind === "AppProject").manifest;
    expect(project.spec.destinations.map((d: any) => d.namespace)).toEqual(["orders", "web"]);
    expect(sync.objects.map((o) => o.metadata.name)).toEqual(["dev", "dev-apps"]);
  });

  test("an app object in a platform namespace, added after the construct, fails the synth through its validation (not inside a Lazy or getter)", () => {
    const objects: KubernetesObject[] = [];
    const problem = 'dev-argocd-apps/Sync: an app object is in "kube-system", a platform namespace, where apps must not deploy; move the object to its app\'s namespace';
    expect(() =>
      synthApp((app) => {
        const stack = new TerraformStack(app, "dev-argocd-apps");
        const source = new GitSource(stack, "Source", { url: "https://github.com/contoso/platform-gitops.git", path: "environments/dev/apps" });
        const sync = new ArgoCdSync(stack, "Sync", { environment: "dev", source, appObjects: { objects } });
        objects.push({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x", namespace: "kube-system" } });
        expect(() => sync.objects).not.toThrow();
        expect(() => synthJson(stack)).not.toThrow(); // resolves the manifests' Lazy values, without validations
        expect(sync.node.validate()).toEqual([problem]);
      }),
    ).toThrow(problem);
  });

  test("prune, self-heal and retry can be changed", () => {
    const app = build({ prune: false, selfHeal: false, retry: { limit: 10, duration: "10s", factor: 3, maxDuration: "10m" } }).object("Application", "dev-apps");
    expect(app.spec.syncPolicy.automated).toMatchObject({ prune: false, selfHeal: false });
    expect(app.spec.syncPolicy.retry).toEqual({ limit: 10, backoff: { duration: "10s", factor: 3, maxDuration: "10m" } });
  });

  test("rejects bad input", () => {
    expect(() => build({ appNamespaces: ["kube-system"] })).toThrow('dev-argocd-apps/Sync: appNamespaces contains "kube-system", a platform namespace');
    expect(() => build({ appNamespaces: ["Web"] })).toThrow('dev-argocd-apps/Sync: appNamespaces contains "Web", which is not a kubernetes namespace name');
    expect(() => build({ appNamespaces: [] })).toThrow("dev-argocd-apps/Sync: appNamespaces is empty");
    expect(() => build({ environment: "Dev" })).toThrow('dev-argocd-apps/Sync: environment "Dev" is not a valid name prefix');
    expect(() => build({ retry: { limit: 0, duration: "5s", factor: 2, maxDuration: "3m" } })).toThrow("dev-argocd-apps/Sync: retry.limit 0 is not valid");
    expect(() => build({ retry: { limit: 3, duration: "5 s", factor: 2, maxDuration: "3m" } })).toThrow('dev-argocd-apps/Sync: retry.duration "5 s" is not a duration');
    expect(() => build({ retry: { limit: 3, duration: "5s", factor: 0.5, maxDuration: "3m" } })).toThrow("dev-argocd-apps/Sync: retry.factor 0.5 is not valid");
    // argo cd's backoff factor is an integer: 1.5 must fail eagerly, not as a schema error at synth
    expect(() => build({ retry: { limit: 3, duration: "5s", factor: 1.5, maxDuration: "3m" } })).toThrow(
      "dev-argocd-apps/Sync: retry.factor 1.5 is not valid; use a whole number of at least 1",
    );
  });

  test("app patches become kustomize.patches of the apps Application (a kustomize directory), schema-valid, infrastructure untouched", () => {
    const patches = [
      { target: { version: "v1", kind: "ServiceAccount", name: "web", namespace: "web" }, patch: `[{"op":"replace","path":"/metadata/annotations/a","value":"${CLIENT_ID}"}]` },
      { target: { group: "secrets-store.csi.x-k8s.io", kind: "SecretProviderClass", labelSelector: "app.kubernetes.io/name=web" }, patch: "[]" },
    ];
    const { object } = build({ appPatches: patches, infrastructureObjects: { objects: infrastructure } });
    const apps = object("Application", "dev-apps");
    expect(apps.spec.source).toEqual({
      repoURL: "https://github.com/contoso/platform-gitops.git",
      targetRevision: "release",
      path: "environments/dev/apps",
      // The reference resolves; nothing else in the patch is a Terraform template.
      kustomize: { patches: patches.map((p) => ({ ...p, patch: p.patch.replace(CLIENT_ID, "${azurerm_user_assigned_identity.web.client_id}") })) },
    });
    expect(() => validateKubernetesObject(apps, "test")).not.toThrow();
    expect(object("Application", "dev-infrastructure").spec.source.kustomize).toBeUndefined();
  });
});
