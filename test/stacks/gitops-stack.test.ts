import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse } from "yaml";
import { environmentSpec, platformSpec } from "../support/fixtures";
import { SynthOutput, synthApp, withSynthFolder } from "../support/synth";
import { danglingReferences, onlyResource, resourcesOf, synthJson } from "../support/terraform-json";
import { referencePlatform } from "../../environments";
import { ArgoCdAppsStack, EnvironmentSpec, GitOpsManifests, GitOpsStack, PlatformSpec, resolvePlatform, validateKubernetesObject } from "../../index";
import { buildPlatform } from "../../stacks/build-platform";
import { secretProblemsInText, secretProblemsUnder } from "../support/secret-scan";

const SSH = { url: "git@github.com:contoso/platform-gitops.git", auth: { kind: "ssh", privateKeySecretName: "gitops-ssh-key", knownHostsSecretName: "gitops-known-hosts" } } as const;
const HTTPS = { url: "https://dev.azure.com/contoso/platform/_git/gitops", auth: { kind: "https", usernameSecretName: "gitops-user", passwordSecretName: "gitops-token" } } as const;

/** dev (Argo CD, ssh) and prod (Argo CD, https): an Argo CD platform. */
function argoPlatform(): PlatformSpec {
  return platformSpec({
    environments: [
      environmentSpec({ name: "dev", sync: "argocd", gitops: SSH }, "dev"),
      environmentSpec({ name: "prod", addressSpace: "10.30.0.0/16", sync: "argocd", gitops: HTTPS }, "prod"),
    ],
  });
}

/** Every engine and auth kind together: flux/ssh, flux/https, argocd/ssh, argocd/https. */
function mixedPlatform(): PlatformSpec {
  const env = (name: string, addressSpace: string, sync: EnvironmentSpec["sync"], gitops: EnvironmentSpec["gitops"]) => environmentSpec({ name, addressSpace, sync, gitops }, "dev");
  return platformSpec({
    environments: [
      env("fluxssh", "10.10.0.0/16", "flux", SSH),
      env("fluxhttps", "10.20.0.0/16", "flux", HTTPS),
      env("argossh", "10.30.0.0/16", "argocd", SSH),
      env("argohttps", "10.40.0.0/16", "argocd", HTTPS),
    ],
  });
}

describe("GitOpsStack with Flux (the reference platform)", () => {
  const stacks = buildPlatform(new App(), referencePlatform);

  test.each(["dev", "staging", "prod"])("%s-gitops installs flux and points it at environments/%s", (env) => {
    const stack = stacks.environments[env].gitops;
    expect(stack).toBeInstanceOf(GitOpsStack);
    expect(stack.node.id).toBe(`${env}-gitops`);
    const json = synthJson(stack);
    expect(danglingReferences(json)).toEqual([]);
    expect(onlyResource(json, "azurerm_kubernetes_cluster_extension").extension_type).toBe("microsoft.flux");
    const config = onlyResource(json, "azurerm_kubernetes_flux_configuration");
    expect(config.name).toBe(`flux-contoso-${env}`);
    // release feedback (docs/feedback.md) syncs its own folder, with the feedback identity's ids as its only variables
    expect(config.kustomizations.map((k: any) => k.path)).toEqual([`environments/${env}/infrastructure`, `environments/${env}/apps`, `environments/${env}/release-feedback`]);
    expect(Object.keys(config.kustomizations[2].post_build.substitute)).toEqual(["RELEASE_FEEDBACK_CLIENT_ID", "RELEASE_FEEDBACK_TENANT_ID"]);
    expect(config.git_repository.sync_interval_in_seconds).toBe(env === "dev" ? 60 : 300);
    expect(Object.values(json.data?.azurerm_kubernetes_cluster ?? {})).toEqual([
      expect.objectContaining({ name: `aks-contoso-${env}`, resource_group_name: `rg-contoso-${env}` }),
    ]);
    expect(resourcesOf(json, "helm_release")).toEqual([]);
    expect(json.provider?.helm).toBeUndefined();
    expect(stacks.environments[env].argoCdApps).toBeUndefined();
  });

  test.each(["dev", "staging", "prod"])("%s-gitops depends on %s-platform and uses the remote state backend", (env) => {
    const stack = stacks.environments[env].gitops;
    expect(stack.dependencies).toContain(stacks.environments[env].platform);
    expect(synthJson(stack).terraform?.backend?.azurerm?.key).toBe(`${env}/gitops.tfstate`);
  });

  test.each(["dev", "staging", "prod"])("%s-gitops matches its snapshot", (env) => {
    expect(synthJson(stacks.environments[env].gitops)).toMatchSnapshot();
  });

  test("the platform stack exposes no cluster credential as an output", () => {
    for (const env of ["dev", "staging", "prod"]) {
      expect(JSON.stringify(synthJson(stacks.environments[env].platform).output ?? {})).not.toMatch(/kube_config|kube_admin_config|client_key|password/);
    }
  });
});

describe("GitOpsStack with Argo CD", () => {
  const stacks = buildPlatform(new App(), argoPlatform());

  test.each(["dev", "prod"])("%s-gitops installs argo cd with helm through Azure AD, and no custom resource", (env) => {
    const json = synthJson(stacks.environments[env].gitops);
    expect(danglingReferences(json)).toEqual([]);
    expect(onlyResource(json, "helm_release").chart).toBe("argo-cd");
    expect(resourcesOf(json, "kubernetes_manifest")).toEqual([]);
    expect(resourcesOf(json, "azurerm_kubernetes_flux_configuration")).toEqual([]);
    expect(json.provider?.helm?.[0].kubernetes.exec.command).toBe("kubelogin");
    expect(json.provider?.kubernetes?.[0].exec[0].command).toBe("kubelogin");
  });

  test("HA in prod only", () => {
    const ha = (env: string) => parse(onlyResource(synthJson(stacks.environments[env].gitops), "helm_release").values[0])["redis-ha"].enabled;
    expect([ha("dev"), ha("prod")]).toEqual([false, true]);
  });

  test.each(["dev", "prod"])("%s-argocd-apps holds the AppProjects and Applications, after %s-gitops", (env) => {
    const apps = stacks.environments[env].argoCdApps!;
    expect(apps).toBeInstanceOf(ArgoCdAppsStack);
    expect(apps.node.id).toBe(`${env}-argocd-apps`);
    expect(apps.dependencies).toContain(stacks.environments[env].gitops);
    const json = synthJson(apps);
    expect(danglingReferences(json)).toEqual([]);
    const manifests = resourcesOf(json, "kubernetes_manifest").map((m) => m.manifest);
    expect(manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual([
      `AppProject/${env}`,
      `AppProject/${env}-infrastructure`,
      `Application/${env}-apps`,
      `Application/${env}-infrastructure`,
    ]);
    for (const manifest of manifests) expect(() => validateKubernetesObject(manifest, `${env}-argocd-apps`)).not.toThrow();
    const appsApplication = manifests.find((m) => m.metadata.name === `${env}-apps`);
    expect(appsApplication.spec.source.path).toBe(`environments/${env}/apps`);
    expect(appsApplication.spec.source.repoURL).toBe(env === "dev" ? SSH.url : HTTPS.url);
    expect(resourcesOf(json, "helm_release")).toEqual([]);
  });

  test("the infrastructure AppProject covers everything written below environments/<env>/infrastructure, monitoring included", () => {
    const project = resourcesOf(synthJson(stacks.environments.dev.argoCdApps!), "kubernetes_manifest")
      .map((m) => m.manifest)
      .find((m) => m.kind === "AppProject" && m.metadata.name === "dev-infrastructure");
    const written = [stacks.environments.dev.gitops.infrastructure.manifests, ...stacks.environments.dev.monitoring.node.findAll().filter((c): c is GitOpsManifests => c instanceof GitOpsManifests)]
      .filter((m) => m.folder === "infrastructure" || m.folder.startsWith("infrastructure/"))
      .flatMap((m) => m.objects);
    expect(written.length).toBeGreaterThan(4);
    const whitelist = project.spec.clusterResourceWhitelist.map((g: any) => `${g.group}/${g.kind}`);
    const destinations = project.spec.destinations.map((d: any) => d.namespace);
    for (const object of written) {
      if (object.metadata.namespace) expect(destinations).toContain(object.metadata.namespace);
      else expect(whitelist).toContain(`${object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : ""}/${object.kind}`);
    }
  });

  test.each(["dev", "prod"])("%s stacks match their snapshots", (env) => {
    expect(synthJson(stacks.environments[env].gitops)).toMatchSnapshot();
    expect(synthJson(stacks.environments[env].argoCdApps!)).toMatchSnapshot();
  });

  test("with apps, the apps AppProject allows exactly the apps' namespaces", () => {
    const image = `acrcontosodev.azurecr.io/web@sha256:${"a".repeat(64)}`;
    const withApps = buildPlatform(new App(), argoPlatform(), { apps: [{ name: "web", port: 8080 }], pins: { dev: { web: image } } });
    const project = resourcesOf(synthJson(withApps.environments.dev.argoCdApps!), "kubernetes_manifest")
      .map((m) => m.manifest)
      .find((m) => m.kind === "AppProject" && m.metadata.name === "dev");
    expect(project.spec.destinations).toEqual([{ server: "https://kubernetes.default.svc", namespace: "web" }]);
    // prod pins no app: nothing known, so every namespace but the platform's
    const prodProject = resourcesOf(synthJson(withApps.environments.prod.argoCdApps!), "kubernetes_manifest")
      .map((m) => m.manifest)
      .find((m) => m.kind === "AppProject" && m.metadata.name === "prod");
    expect(prodProject.spec.destinations.at(-1).namespace).toBe("*");
  });

  test("an argocd-apps stack refuses a flux environment", () => {
    const app = new App();
    const platform = resolvePlatform(platformSpec());
    const gitops = new GitOpsStack(app, { platform, environment: platform.environments[0] });
    expect(() => new ArgoCdAppsStack(app, { platform, environment: platform.environments[0], gitops })).toThrow(
      'dev-argocd-apps: environment "dev" syncs with flux, not argocd; set sync: "argocd" or drop this stack',
    );
  });
});

describe("both engines", () => {
  // one synth of the mixed platform, for the tests that only read its files
  let mixed: SynthOutput | undefined;
  const mixedOutput = (): SynthOutput => (mixed ??= synthApp((app) => buildPlatform(app, mixedPlatform())).output);

  test("switching an environment's engine is a one-line change of the spec", () => {
    const spec = (sync: EnvironmentSpec["sync"]) => platformSpec({ environments: [environmentSpec({ name: "dev", sync })] });
    const flux = buildPlatform(new App(), spec("flux")).environments.dev;
    const argo = buildPlatform(new App(), spec("argocd")).environments.dev;
    expect(Object.keys(synthJson(flux.gitops).resource ?? {}).sort()).toEqual(["azurerm_kubernetes_cluster_extension", "azurerm_kubernetes_flux_configuration"]);
    expect(Object.keys(synthJson(argo.gitops).resource ?? {}).sort()).toEqual(["helm_release", "kubernetes_namespace_v1"]);
    expect(flux.argoCdApps).toBeUndefined();
    expect(argo.argoCdApps).toBeDefined();
  });

  test("synth writes the infrastructure layer for every environment, each object valid", () => {
    const infrastructure = mixedOutput().gitops;
    for (const env of ["fluxssh", "fluxhttps", "argossh", "argohttps"]) {
      const files = Object.keys(infrastructure).filter((file) => file.startsWith(`${env}/infrastructure/`) && !file.slice(`${env}/infrastructure/`.length).includes("/")).sort();
      expect(files.map((file) => path.basename(file))).toEqual([
        "configmap-platform-environment.yaml",
        "priorityclass-apps-best-effort.yaml",
        "priorityclass-apps-critical.yaml",
        "priorityclass-apps-standard.yaml",
      ]);
      for (const file of files) expect(() => validateKubernetesObject(parse(infrastructure[file]), file)).not.toThrow();
    }
  });

  test("no secret value appears in any synthesized file (both engines, ssh and https auth)", () => {
    const { files } = mixedOutput();
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        "stacks/fluxssh-gitops/cdk.tf.json",
        "stacks/fluxhttps-gitops/cdk.tf.json",
        "stacks/argossh-gitops/cdk.tf.json",
        "stacks/argohttps-gitops/cdk.tf.json",
        "stacks/argossh-argocd-apps/cdk.tf.json",
        "gitops/fluxssh/infrastructure/configmap-platform-environment.yaml",
      ]),
    );
    expect(Object.entries(files).flatMap(([file, text]) => secretProblemsInText(file, text))).toEqual([]);
  });

  test("the reference platform synthesizes without a secret value", () => {
    const { files, problems } = withSynthFolder((app) => buildPlatform(app, referencePlatform), secretProblemsUnder);
    expect(files).toContain(path.join("stacks", "prod-gitops", "cdk.tf.json"));
    expect(problems).toEqual([]);
  });

  test("the secret scan catches literal secrets", () => {
    const json = JSON.stringify({
      resource: {
        x: { a: { password: "hunter2", https_key_base64: "aHVudGVyMg==", ssh_private_key_base64: "${base64encode(data.azurerm_key_vault_secret.k.value)}" } },
        y: { b: { url: "https://bot:hunter2@github.com/contoso/gitops.git", values: ["configs:\n  credentialTemplates:\n    https:\n      password: hunter2\n"] } },
      },
    });
    expect(secretProblemsInText("cdk.tf.json", json)).toEqual([
      'cdk.tf.json.resource.x.a.password: literal value for "password"',
      'cdk.tf.json.resource.x.a.https_key_base64: literal value for "https_key_base64"',
      "cdk.tf.json.resource.y.b.url: credentials in a url",
      'cdk.tf.json.resource.y.b.values[0](yaml).configs.credentialTemplates.https.password: literal value for "password"',
    ]);
    expect(secretProblemsInText("secret.yaml", "stringData:\n  sshPrivateKey: |\n    -----BEGIN OPENSSH PRIVATE KEY-----\n    abc\n")).toEqual([
      "secret.yaml.stringData.sshPrivateKey: private key",
      'secret.yaml.stringData.sshPrivateKey: literal value for "sshPrivateKey"',
    ]);
    expect(secretProblemsInText("hosts.txt", "github.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl")).toEqual(["hosts.txt: ssh key material"]);
  });

  test("generated pipelines are scanned: a literal token is caught, the OIDC permission and runner variables are not", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "secret-scan-"));
    try {
      const workflows = path.join(root, "pipelines", "github", ".github", "workflows");
      fs.mkdirSync(workflows, { recursive: true });
      fs.writeFileSync(path.join(workflows, "ok.yml"), "permissions:\n  id-token: write\njobs:\n  a:\n    env:\n      GITOPS_TOKEN: ${{ steps.app.outputs.token }}\n");
      fs.writeFileSync(path.join(workflows, "leak.yml"), "jobs:\n  a:\n    env:\n      TOKEN: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n");
      const { files, problems } = secretProblemsUnder(root);
      expect(files).toHaveLength(2);
      const leak = path.join("pipelines", "github", ".github", "workflows", "leak.yml");
      expect(problems.length).toBeGreaterThan(0);
      expect(problems.every((p) => p.startsWith(leak))).toBe(true);
      expect(problems).toContain(`${leak}.jobs.a.env.TOKEN: github token`);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
