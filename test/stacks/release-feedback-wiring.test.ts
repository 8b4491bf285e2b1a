import { App } from "cdktf";
import { parse as parseYaml, parseAllDocuments } from "yaml";
import { referencePlatform } from "../../environments";
import { PlatformSpec } from "../../lib/environment/environment-spec";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { validateKubernetesObject } from "../../lib/kubernetes/kubernetes-object";
import { buildPlatform } from "../../stacks/build-platform";
import { synthApp } from "../support/synth";
import { resourcesOf, synthJson } from "../support/terraform-json";

const STATUS_APP = { appId: 1234568, installationId: 45678901, privateKeySecret: "github-status-app-private-key" };

function argoPlatform(feedback: PlatformSpec["feedback"] = { statusApp: STATUS_APP }): PlatformSpec {
  return { ...referencePlatform, environments: referencePlatform.environments.map((env) => ({ ...env, sync: "argocd" as const })), feedback };
}

describe("release feedback in the reference platform (flux)", () => {
  test("each environment's release-feedback folder holds valid objects for its own kustomizations", () => {
    const { output } = synthApp((app) => buildPlatform(app, referencePlatform));
    for (const env of ["dev", "staging", "prod"]) {
      const folder = output.below(`gitops/${env}/release-feedback`);
      const objects = Object.keys(folder).sort().flatMap((file) => parseAllDocuments(folder[file]).map((d) => d.toJS()));
      expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
        "Alert/github-rollback-dispatch",
        "Alert/github-status-apps",
        "Alert/github-status-infrastructure",
        "Deployment/release-feedback-secrets",
        "Provider/github-rollback-dispatch",
        "Provider/github-status",
        "SecretProviderClass/release-feedback-secrets",
        "ServiceAccount/release-feedback-secrets",
      ]);
      for (const object of objects) expect(() => validateKubernetesObject(object, env)).not.toThrow();
      const rollback = objects.find((o) => o.kind === "Alert" && o.metadata.name === "github-rollback-dispatch");
      expect(rollback.spec.eventSources).toEqual([{ kind: "Kustomization", name: `flux-contoso-${env}-apps`, namespace: "flux-system" }]);
      expect(rollback.spec.eventMetadata.environment).toBe(env);
      expect(objects.find((o) => o.kind === "Provider" && o.metadata.name === "github-rollback-dispatch").spec.address).toBe("https://github.com/contoso/platform-infra");
      expect(objects.find((o) => o.kind === "Provider" && o.metadata.name === "github-status").spec.address).toBe("https://github.com/contoso/platform-gitops");
      const spc = objects.find((o) => o.kind === "SecretProviderClass");
      expect(spc.spec.parameters).toMatchObject({ clientID: "${RELEASE_FEEDBACK_CLIENT_ID}", tenantId: "${RELEASE_FEEDBACK_TENANT_ID}", keyvaultName: `kv-contoso-${env}` });
    }
  });

  test("automaticRollback: false keeps the commit statuses and drops the dispatch and its token", () => {
    const stacks = buildPlatform(new App(), { ...referencePlatform, feedback: { automaticRollback: false } });
    const feedback = stacks.environments.dev.gitops.feedback!;
    expect(feedback.manifests!.objects.map((o) => o.metadata.name)).not.toContain("github-rollback-dispatch");
    const roles = resourcesOf(synthJson(stacks.environments.dev.gitops), "azurerm_role_assignment");
    expect(roles.map((r) => r.scope)).toEqual([expect.stringMatching(/\/secrets\/github-status-token$/)]);
  });

  test("without feedback there is no feedback identity and no third kustomization", () => {
    const { feedback: _none, ...spec } = referencePlatform;
    const json = synthJson(buildPlatform(new App(), spec).environments.dev.gitops);
    expect(resourcesOf(json, "azurerm_user_assigned_identity")).toEqual([]);
    expect(resourcesOf(json, "azurerm_kubernetes_flux_configuration")[0].kustomizations).toHaveLength(2);
  });
});

describe("release feedback with argo cd", () => {
  const stacks = buildPlatform(new App(), argoPlatform());
  const json = synthJson(stacks.environments.prod.gitops);

  test("the chart gets the notifications values and does not create the secret", () => {
    const release = resourcesOf(json, "helm_release")[0];
    const values = parseYaml(release.values[0]);
    expect(values.notifications.secret).toEqual({ create: false, name: "argocd-notifications-secret" });
    expect(parseYaml(values.notifications.notifiers["service.github"])).toEqual({ appID: 1234568, installationID: 45678901, privateKey: "$github-privateKey" });
    expect(Object.keys(values.notifications.notifiers)).toContain("service.webhook.cdktf-gitops-dispatch");
    expect(values.notifications.triggers["trigger.cdktf-gitops-rollback-health-degraded"]).toContain("app.metadata.name == 'prod-apps'");
    expect(values.notifications.resources).toBeDefined(); // the library's own notifications values stay
  });

  test("the secret-sync objects are applied from terraform with the identity's ids, after the chart", () => {
    const manifests = resourcesOf(json, "kubernetes_manifest");
    expect(manifests.map((m) => `${m.manifest.kind}/${m.manifest.metadata.namespace}/${m.manifest.metadata.name}`).sort()).toEqual([
      "Deployment/argocd/release-feedback-secrets",
      "SecretProviderClass/argocd/release-feedback-secrets",
      "ServiceAccount/argocd/release-feedback-secrets",
    ]);
    const spc = manifests.find((m) => m.manifest.kind === "SecretProviderClass").manifest;
    expect(spc.spec.parameters.clientID).toMatch(/^\$\{azurerm_user_assigned_identity\.ReleaseFeedback_Identity_[0-9A-F]+\.client_id\}$/);
    expect(spc.spec.secretObjects).toEqual([
      expect.objectContaining({
        secretName: "argocd-notifications-secret",
        data: [
          { objectName: "github-status-app-private-key", key: "github-privateKey" },
          { objectName: "github-dispatch-token", key: "github-dispatch-token" },
        ],
      }),
    ]);
    for (const m of manifests) expect(m.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^helm_release\./)]));
    expect(resourcesOf(json, "azurerm_federated_identity_credential")[0].subject).toBe("system:serviceaccount:argocd:release-feedback-secrets");
  });
});

describe("feedback spec validation", () => {
  const problems = (spec: PlatformSpec): string => {
    try {
      resolvePlatform(spec);
      return "";
    } catch (error) {
      return (error as Error).message;
    }
  };

  test("argo cd needs the status app; secret names follow key vault's rule; unknown keys are named", () => {
    expect(problems(argoPlatform({}))).toContain("platform.feedback.statusApp: is missing, and dev, staging, prod sync with argo cd");
    const message = problems({ ...referencePlatform, feedback: { statusTokenSecret: "bad_name", automaticRollbak: false } as any });
    expect(message).toContain("automaticRollbak");
    expect(problems({ ...referencePlatform, feedback: { statusTokenSecret: "bad_name" } })).toContain('platform.feedback.statusTokenSecret: "bad_name" is not a key vault secret name');
  });

  test("feedback needs delivery on github", () => {
    const { delivery: _none, ...spec } = referencePlatform;
    expect(problems({ ...spec, environments: spec.environments.map(({ delivery: _d, ...env }) => env) })).toContain("platform.feedback: needs delivery on github");
  });
});
