import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { ASSIGNABLE_ROLES, AZURE_ROLES } from "../../lib";
import { deliveryPlatform, fixtureApps, readTree, synthPlatform, TENANT } from "../support/delivery";
import { resourcesOf, TerraformJson } from "../support/terraform-json";

const { apps, pins } = fixtureApps(2);
const flux = synthPlatform(deliveryPlatform(), apps, pins);
const base = deliveryPlatform();
const argo = synthPlatform({ ...base, environments: base.environments.map((e) => (e.name === "prod" ? { ...e, sync: "argocd" as const, gitops: { ...e.gitops, auth: { kind: "https" as const, usernameSecretName: "git-user", passwordSecretName: "git-token" } } } : e)) }, apps, pins);

afterAll(() => {
  for (const dir of [flux.outdir, argo.outdir]) fs.rmSync(dir, { recursive: true, force: true });
});

const stackJson = (outdir: string, name: string): TerraformJson => JSON.parse(fs.readFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), "utf8"));
const roleId = (assignment: any): string => assignment.role_definition_id.split("/").pop();
const assignmentsOf = (json: TerraformJson, env: string, identity: "Plan" | "Apply"): any[] =>
  Object.entries(json.resource!.azurerm_role_assignment).filter(([, r]: [string, any]) => r["//"].metadata.path.startsWith(`delivery/Environment-${env}/${identity}/`)).map(([, r]) => r);

describe("delivery stack", () => {
  const json = stackJson(flux.outdir, "delivery");

  test("is a bootstrap stack with its own state file outside every environment's folder", () => {
    expect(json.terraform!.backend.azurerm).toMatchObject({ key: "delivery.tfstate", use_azuread_auth: true, use_oidc: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(flux.outdir, "manifest.json"), "utf8"));
    expect(manifest.stacks.delivery.dependencies).toEqual(["state"]);
    for (const [name, stack] of Object.entries<any>(manifest.stacks)) expect([name, (stack.dependencies ?? []).includes("delivery")]).toEqual([name, false]);
  });

  test("two identities per environment in the environment's subscription, with no secret", () => {
    const identities = resourcesOf(json, "azurerm_user_assigned_identity");
    expect(identities.map((i) => i.name).sort()).toEqual(["dev", "prod", "staging"].flatMap((e) => [`id-contoso-${e}-cicd-apply`, `id-contoso-${e}-cicd-plan`]));
    const providers = json.provider!.azurerm;
    expect(providers.find((p: any) => p.alias === "prod")).toMatchObject({ subscription_id: "c7f3a1d5-4e9b-4a2c-b6d8-2e4a6c8f0b65", tenant_id: TENANT, use_oidc: true });
    expect(JSON.stringify(json)).not.toMatch(/azuread_application_password|client_secret/);
    expect(Object.keys(flux.stacks.delivery!.identities).sort()).toEqual(["dev", "prod", "staging"]);
  });

  test("federated credential subjects are exactly the GitHub environments the workflows' OIDC jobs run in", () => {
    const subjects = resourcesOf(json, "azurerm_federated_identity_credential").map((c) => {
      expect(c).toMatchObject({ issuer: "https://token.actions.githubusercontent.com", audience: ["api://AzureADTokenExchange"] });
      return c.subject;
    });
    const used = new Set<string>();
    for (const text of Object.values(readTree(path.join(flux.outdir, "pipelines")))) {
      for (const job of Object.values<any>(YAML.parse(text).jobs)) if (job.permissions?.["id-token"] === "write") used.add(`repo:contoso/platform-infra:environment:${job.environment}`);
    }
    expect(subjects.sort()).toEqual([...used].sort());
    expect(subjects).toContain("repo:contoso/platform-infra:environment:prod-plan");
    expect(subjects).toContain("repo:contoso/platform-infra:environment:prod");
  });

  test("plan reads, locks its own state and nothing else; it can neither change resources nor assign roles", () => {
    const roles = assignmentsOf(json, "dev", "Plan").map(roleId).sort();
    expect(roles).toEqual([AZURE_ROLES.reader, AZURE_ROLES.aksClusterUser, AZURE_ROLES.storageBlobDataContributor].sort());
    const state = assignmentsOf(json, "dev", "Plan").find((a) => roleId(a) === AZURE_ROLES.storageBlobDataContributor);
    expect(state.scope).toBe("${data.azurerm_storage_account.StateAccount.id}/blobServices/default/containers/tfstate");
    expect(state.condition_version).toBe("2.0");
    expect(state.condition).toContain("@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith 'dev/'");
    expect(state.condition).not.toContain("staging/");
  });

  test("apply changes its subscription and hands out only the roles the stacks assign", () => {
    const apply = assignmentsOf(json, "dev", "Apply");
    expect(apply.map(roleId).sort()).toEqual([AZURE_ROLES.contributor, AZURE_ROLES.roleBasedAccessControlAdministrator, AZURE_ROLES.grafanaEditor, AZURE_ROLES.storageBlobDataContributor].sort());
    const delegation = apply.find((a) => roleId(a) === AZURE_ROLES.roleBasedAccessControlAdministrator);
    expect(delegation.scope).toBe("/subscriptions/5d1c7a3e-2b6f-4c8d-9e0a-1f3b5d7c9e21");
    for (const role of ASSIGNABLE_ROLES) expect(delegation.condition).toContain(role);
    expect(delegation.condition).not.toContain(AZURE_ROLES.contributor);
    expect(delegation.condition).toContain("'ServicePrincipal', 'Group'");
  });

  test("a promoted environment reads the state it reads of dev, and may only grant AcrPull there", () => {
    const staging = assignmentsOf(json, "staging", "Apply");
    const state = staging.find((a) => roleId(a) === AZURE_ROLES.storageBlobDataContributor);
    expect(state.condition).toContain("StringEquals 'dev/platform.tfstate'");
    expect(state.condition.split("AND")[1]).not.toContain("dev/");
    const acr = staging.find((a) => a.scope === "/subscriptions/5d1c7a3e-2b6f-4c8d-9e0a-1f3b5d7c9e21");
    expect(roleId(acr)).toBe(AZURE_ROLES.roleBasedAccessControlAdministrator);
    expect(acr.condition).toContain(AZURE_ROLES.acrPull);
    expect(acr.condition).not.toContain(AZURE_ROLES.keyVaultSecretsUser);
    expect(acr.provider).toBe("azurerm.dev");
  });

  test("an Argo CD environment with git credentials gets cluster and Key Vault roles; the others do not", () => {
    const argoJson = stackJson(argo.outdir, "delivery");
    const prodPlan = assignmentsOf(argoJson, "prod", "Plan").map(roleId);
    const prodApply = assignmentsOf(argoJson, "prod", "Apply").map(roleId);
    expect(prodApply).toEqual(expect.arrayContaining([AZURE_ROLES.aksRbacClusterAdmin, AZURE_ROLES.keyVaultSecretsUser]));
    expect(prodPlan).toContain(AZURE_ROLES.keyVaultSecretsUser);
    expect(prodPlan).not.toContain(AZURE_ROLES.aksRbacClusterAdmin);
    const reader = resourcesOf(argoJson, "azurerm_role_definition");
    expect(reader).toHaveLength(1);
    expect(reader[0].permissions).toEqual([{ actions: [], data_actions: ["Microsoft.ContainerService/managedClusters/*/read"] }]);
    expect(assignmentsOf(argoJson, "dev", "Apply").map(roleId)).not.toContain(AZURE_ROLES.aksRbacClusterAdmin);
  });
});
