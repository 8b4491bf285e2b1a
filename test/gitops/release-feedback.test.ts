import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { parse as parseYaml } from "yaml";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ReleaseFeedbackIdentity } from "../../lib/gitops/release-feedback-identity";
import { ARGO_CD_DISPATCH_SERVICE, argoCdDispatchBody, argoCdNotificationValues } from "../../lib/gitops/argo-cd-notification-values";
import { commitStatusContext } from "../../lib/gitops/commit-status-context";
import { feedbackSecretSyncObjects, PAUSE_IMAGE } from "../../lib/gitops/feedback-secret-sync-objects";
import { FLUX_DISPATCH_SECRET, FLUX_STATUS_SECRET, fluxFeedbackObjects } from "../../lib/gitops/flux-feedback-objects";
import { ARGO_CD_ROLLBACK_EVENT_TYPE } from "../../lib/gitops/rollback-dispatch";
import { KubernetesObject, validateKubernetesObject } from "../../lib/kubernetes/kubernetes-object";
import { parseDispatchEvent } from "../../lib/release/dispatch-event";
import { resourcesOf, synthJson } from "../support/terraform-json";

const FIXTURES = path.join(__dirname, "..", "release", "fixtures", "dispatch");
const GITOPS = { owner: "contoso", name: "platform-gitops" };
const INFRA = { owner: "contoso", name: "platform-infra" };
const REVISION = "3f2a9c1d4b5e6f708192a3b4c5d6e7f801234567";

function flux(rollback = true): KubernetesObject[] {
  return fluxFeedbackObjects({
    environment: "dev",
    namespace: "flux-system",
    gitopsRepository: GITOPS,
    kustomizations: { infrastructure: "flux-contoso-dev-infrastructure", apps: "flux-contoso-dev-apps" },
    rollbackRepository: rollback ? INFRA : undefined,
  });
}

const byName = (objects: KubernetesObject[], kind: string, name: string): any => objects.find((o) => o.kind === kind && o.metadata.name === name);

describe("flux release feedback objects", () => {
  test("every object matches its upstream schema (notification.toolkit.fluxcd.io/v1beta3)", () => {
    const objects = flux();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual([
      "Provider/github-status",
      "Alert/github-status-infrastructure",
      "Alert/github-status-apps",
      "Provider/github-rollback-dispatch",
      "Alert/github-rollback-dispatch",
    ]);
    for (const object of objects) expect(() => validateKubernetesObject(object, "test")).not.toThrow();
    expect(() => validateKubernetesObject({ ...objects[0], spec: { type: "carrier-pigeon" } }, "test")).toThrow(/does not match its schema/);
  });

  test("commit statuses go to the gitops repository, one context per environment and layer", () => {
    const provider = byName(flux(), "Provider", "github-status");
    expect(provider.spec).toMatchObject({ type: "github", address: "https://github.com/contoso/platform-gitops", secretRef: { name: FLUX_STATUS_SECRET } });
    expect(provider.spec.commitStatusExpr).toContain(`event.involvedObject.name == "flux-contoso-dev-apps" ? "${commitStatusContext("dev", "apps")}"`);
    expect(provider.spec.commitStatusExpr).toContain(`"cdktf-gitops/dev/infrastructure"`);
    for (const layer of ["infrastructure", "apps"]) {
      expect(byName(flux(), "Alert", `github-status-${layer}`).spec).toMatchObject({
        providerRef: { name: "github-status" },
        eventSeverity: "info",
        eventSources: [{ kind: "Kustomization", name: `flux-contoso-dev-${layer}`, namespace: "flux-system" }],
      });
    }
  });

  test("the rollback alert dispatches only the apps layer's failed health checks, naming the environment", () => {
    const objects = flux();
    expect(byName(objects, "Provider", "github-rollback-dispatch").spec).toEqual({ type: "githubdispatch", address: "https://github.com/contoso/platform-infra", secretRef: { name: FLUX_DISPATCH_SECRET } });
    const alert = byName(objects, "Alert", "github-rollback-dispatch");
    expect(alert.spec).toMatchObject({ eventSeverity: "error", inclusionList: ["^health check failed"], eventSources: [{ kind: "Kustomization", name: "flux-contoso-dev-apps" }] });
    expect(flux(false).map((o) => o.metadata.name)).not.toContain("github-rollback-dispatch");
  });

  test("the event the alert produces is a rollback request for the release engine", () => {
    const alert = byName(flux(), "Alert", "github-rollback-dispatch");
    const recorded = JSON.parse(fs.readFileSync(path.join(FIXTURES, "flux-apps-health-check-failed.json"), "utf8"));
    // notification-controller: the object's revision (group prefix stripped) plus the Alert's eventMetadata
    const client_payload = { ...recorded.client_payload, metadata: { revision: `main@sha1:${REVISION}`, ...alert.spec.eventMetadata } };
    const reading = parseDispatchEvent({ ...recorded, client_payload });
    expect(reading).toEqual({ request: expect.objectContaining({ environment: "dev", revision: REVISION, branch: "main" }) });
    // the recorded message is what the inclusion list lets through
    expect(new RegExp(alert.spec.inclusionList[0]).test(recorded.client_payload.message)).toBe(true);
  });
});

describe("secret sync objects (Key Vault → secrets store CSI driver → Secret)", () => {
  const objects = feedbackSecretSyncObjects({
    namespace: "flux-system",
    keyVaultName: "kv-contoso-dev",
    tenantId: "${RELEASE_FEEDBACK_TENANT_ID}",
    clientId: "${RELEASE_FEEDBACK_CLIENT_ID}",
    secrets: [
      { keyVaultSecret: "github-status-token", secretName: FLUX_STATUS_SECRET, key: "token" },
      { keyVaultSecret: "github-dispatch-token", secretName: FLUX_DISPATCH_SECRET, key: "token" },
    ],
  });

  test("every object matches its schema", () => {
    expect(objects.map((o) => o.kind)).toEqual(["ServiceAccount", "SecretProviderClass", "Deployment"]);
    for (const object of objects) expect(() => validateKubernetesObject(object, "test")).not.toThrow();
  });

  test("the provider class syncs each key vault secret into its Secret key, with workload identity", () => {
    const spc: any = objects[1];
    expect(spc.spec.parameters).toMatchObject({ clientID: "${RELEASE_FEEDBACK_CLIENT_ID}", keyvaultName: "kv-contoso-dev", usePodIdentity: "false" });
    const listed = parseYaml(spc.spec.parameters.objects).array.map((o: string) => parseYaml(o));
    expect(listed).toEqual([{ objectName: "github-dispatch-token", objectType: "secret" }, { objectName: "github-status-token", objectType: "secret" }]);
    expect(spc.spec.secretObjects).toEqual([
      expect.objectContaining({ secretName: FLUX_DISPATCH_SECRET, type: "Opaque", data: [{ objectName: "github-dispatch-token", key: "token" }] }),
      expect.objectContaining({ secretName: FLUX_STATUS_SECRET, type: "Opaque", data: [{ objectName: "github-status-token", key: "token" }] }),
    ]);
  });

  test("the mounting pod is digest-pinned, non-root, read-only and unprivileged", () => {
    const pod = (objects[2] as any).spec.template.spec;
    expect(pod.containers[0].image).toBe(PAUSE_IMAGE);
    expect(PAUSE_IMAGE).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(pod.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } });
    expect(pod.volumes[0].csi).toMatchObject({ driver: "secrets-store.csi.k8s.io", volumeAttributes: { secretProviderClass: objects[1].metadata.name } });
    expect((objects[2] as any).spec.template.metadata.labels["azure.workload.identity/use"]).toBe("true");
  });
});

describe("argo cd notifications (chart values)", () => {
  const values: any = argoCdNotificationValues({
    environment: "dev",
    statusApp: { appId: 123456, installationId: 7654321 },
    applications: { infrastructure: "dev-infrastructure", apps: "dev-apps" },
    rollbackRepository: INFRA,
  });

  test("the rendered argocd-notifications-cm is a valid ConfigMap whose entries parse as the notifications engine reads them", () => {
    const data: Record<string, string> = { ...values.notifiers, ...values.templates, ...values.triggers, subscriptions: JSON.stringify(values.subscriptions) };
    expect(() => validateKubernetesObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "argocd-notifications-cm", namespace: "argocd" }, data }, "test")).not.toThrow();
    for (const text of Object.values(data)) expect(() => parseYaml(text)).not.toThrow();
    expect(parseYaml(values.notifiers["service.github"])).toEqual({ appID: 123456, installationID: 7654321, privateKey: "$github-privateKey" });
    expect(values.secret).toEqual({ create: false, name: "argocd-notifications-secret" });
    for (const trigger of Object.values<string>(values.triggers)) {
      const [rule] = parseYaml(trigger);
      expect(rule).toMatchObject({ oncePer: "app.status.sync.revision" });
      expect(Object.keys(values.templates)).toContain(`template.${rule.send[0]}`);
    }
  });

  test("commit statuses carry one label per environment and layer", () => {
    const template = parseYaml(values.templates["template.cdktf-gitops-status-apps-degraded"]);
    expect(template.github).toEqual({ repoURLPath: "{{.app.spec.source.repoURL}}", revisionPath: "{{.app.status.sync.revision}}", status: { state: "failure", label: "cdktf-gitops/dev/apps" } });
    expect(values.subscriptions[0]).toEqual({ recipients: ["github"], triggers: expect.arrayContaining(["cdktf-gitops-status-infrastructure-succeeded", "cdktf-gitops-status-apps-failed"]) });
  });

  test("the rollback webhook sends the payload the recorded fixtures hold, which the release engine reads", () => {
    expect(parseYaml(values.notifiers[`service.webhook.${ARGO_CD_DISPATCH_SERVICE}`]).headers).toContainEqual({ name: "Authorization", value: "Bearer $github-dispatch-token" });
    for (const [fixture, trigger] of [["argocd-apps-health-degraded.json", "health-degraded"], ["argocd-apps-sync-failed.json", "sync-failed"]]) {
      const template = parseYaml(values.templates[`template.cdktf-gitops-rollback-${trigger}`]).webhook[ARGO_CD_DISPATCH_SERVICE];
      expect(template).toMatchObject({ method: "POST", path: "/repos/contoso/platform-infra/dispatches" });
      expect(values.triggers[`trigger.cdktf-gitops-rollback-${trigger}`]).toContain("app.metadata.name == 'dev-apps'");
      const recorded = JSON.parse(fs.readFileSync(path.join(FIXTURES, fixture), "utf8"));
      // what Argo CD renders: the status fields in place of the template actions
      const rendered = JSON.parse(
        template.body
          .replace("{{.app.metadata.name}}", recorded.client_payload.application)
          .replace("{{.app.status.sync.revision}}", recorded.client_payload.revision)
          .replace("{{.app.status.health.status}}", recorded.client_payload.health)
          .replace("{{.app.status.sync.status}}", recorded.client_payload.sync),
      );
      expect(rendered).toEqual({ event_type: ARGO_CD_ROLLBACK_EVENT_TYPE, client_payload: recorded.client_payload });
      // GitHub delivers event_type as `action`
      const reading = parseDispatchEvent({ action: rendered.event_type, client_payload: { ...rendered.client_payload, revision: REVISION } });
      expect(reading).toEqual({ request: expect.objectContaining({ environment: "dev", revision: REVISION }) });
    }
    expect(argoCdDispatchBody("dev", "on-sync-failed")).not.toContain("\n");
  });

  test("without a rollback repository there is no webhook and no rollback trigger", () => {
    const plain: any = argoCdNotificationValues({ environment: "dev", statusApp: { appId: 1, installationId: 2 }, applications: { infrastructure: "dev-infrastructure", apps: "dev-apps" } });
    expect(Object.keys(plain.notifiers)).toEqual(["service.github"]);
    expect(Object.keys(plain.triggers).filter((t) => t.includes("rollback"))).toEqual([]);
  });
});

describe("ReleaseFeedbackIdentity", () => {
  const props = {
    name: "id-contoso-dev-release-feedback",
    resourceGroup: { name: "rg-contoso-dev" },
    location: "westeurope",
    cluster: { oidcIssuerUrl: "https://westeurope.oic.prod-aks.azure.com/tenant/issuer/" },
    namespace: "flux-system",
    keyVault: { name: "kv-contoso-dev", resourceGroupName: "rg-contoso-vault" },
    secretNames: ["github-status-token", "github-dispatch-token"],
  };

  test("federates the secret-sync service account and grants read on the named secrets only", () => {
    const stack = new TerraformStack(new App(), "test");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    new ReleaseFeedbackIdentity(stack, "Feedback", props);
    const json = synthJson(stack);
    expect(resourcesOf(json, "azurerm_federated_identity_credential")[0]).toMatchObject({
      subject: "system:serviceaccount:flux-system:release-feedback-secrets",
      audience: ["api://AzureADTokenExchange"],
      issuer: "https://westeurope.oic.prod-aks.azure.com/tenant/issuer/",
      resource_group_name: "rg-contoso-dev",
    });
    expect(Object.values(json.data?.azurerm_key_vault ?? {}).map((d: any) => [d.name, d.resource_group_name])).toEqual([["kv-contoso-dev", "rg-contoso-vault"]]);
    const roles = resourcesOf(json, "azurerm_role_assignment");
    expect(roles.map((r) => r.scope)).toEqual([expect.stringMatching(/\/secrets\/github-dispatch-token$/), expect.stringMatching(/\/secrets\/github-status-token$/)]);
    expect(roles.every((r) => r.role_definition_name === "Key Vault Secrets User")).toBe(true);
    expect(JSON.stringify(json)).not.toContain("azurerm_key_vault_secret");
  });

  test("rejects no secrets, a bad secret name and duplicates in one error", () => {
    const stack = new TerraformStack(new App(), "test");
    expect(() => new ReleaseFeedbackIdentity(stack, "A", { ...props, secretNames: [] })).toThrow("secretNames is empty");
    expect(() => new ReleaseFeedbackIdentity(stack, "B", { ...props, secretNames: ["bad_name", "x", "x"] })).toThrow(/"bad_name" is not a key vault secret name[\s\S]*lists a secret twice/);
  });
});
