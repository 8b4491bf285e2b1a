import { DEFAULT_NODE_VERSION, DEFAULT_RUNS_ON, DEFAULT_TERRAFORM_VERSION, PlatformSpec, resolvePlatform, validatePlatform } from "../../lib";
import { platformSpec } from "../support/fixtures";
import { deliveryPlatform, githubDelivery } from "../support/delivery";

const withEnv = (spec: PlatformSpec, name: string, change: (env: any) => any): PlatformSpec => ({ ...spec, environments: spec.environments.map((e) => (e.name === name ? change(e) : e)) });

const BAD: [string, PlatformSpec, string][] = [
  ["unknown field with a suggestion", deliveryPlatform({ ...githubDelivery(), nodeVerison: "22.21.0" } as never), 'platform.delivery.nodeVerison: unknown field "nodeVerison"; did you mean "nodeVersion"?'],
  ["unknown ci", deliveryPlatform({ ...githubDelivery(), ci: "jenkins" } as never), 'platform.delivery.ci: "jenkins" is not allowed; use one of "github", "azure-devops"'],
  ["missing push credential", deliveryPlatform({ ...githubDelivery(), gitopsPushCredential: undefined } as never), "platform.delivery.gitopsPushCredential"],
  ["a personal token is not a credential kind", deliveryPlatform({ ...githubDelivery(), gitopsPushCredential: { kind: "token", secret: "PAT" } } as never), "platform.delivery.gitopsPushCredential"],
  ["environment without delivery", withEnv(deliveryPlatform(), "staging", (e) => ({ ...e, delivery: undefined })), "environments/staging.delivery: is missing; set tenantId and subscriptionId"],
  ["environment delivery without platform delivery", withEnv(platformSpec(), "dev", (e) => ({ ...e, delivery: { tenantId: "x", subscriptionId: "y" } })), "environments/dev.delivery: is set but the platform has no delivery settings"],
  ["no remote state", { ...deliveryPlatform(), remoteState: undefined }, "platform.delivery: needs remote state"],
  ["github ci with an azure repos infra repository", deliveryPlatform(githubDelivery({ infraRepository: { organization: "contoso", project: "platform", repository: "infra" } })), "platform.delivery.infraRepository: github actions runs in a github repository"],
  ["azure ci with a github infra repository", deliveryPlatform(githubDelivery({ ci: "azure-devops", gitopsPushCredential: { kind: "deploy-key", privateKeySecret: "GITOPS_KEY" }, azureDevOps: { organizationId: "0f8d2a1e-6b4c-4d3e-9a7f-1c2b3d4e5f60" } })), "platform.delivery.infraRepository: azure pipelines runs in an azure repos repository"],
  ["azure ci without the organization id", deliveryPlatform(githubDelivery({ ci: "azure-devops", infraRepository: { organization: "contoso", project: "platform", repository: "infra" }, gitopsPushCredential: { kind: "deploy-key", privateKeySecret: "GITOPS_KEY" } })), "platform.delivery.azureDevOps: is missing; set organizationId"],
  ["azure ci with a github app", deliveryPlatform(githubDelivery({ ci: "azure-devops", infraRepository: { organization: "contoso", project: "platform", repository: "infra" }, azureDevOps: { organizationId: "0f8d2a1e-6b4c-4d3e-9a7f-1c2b3d4e5f60" } })), 'the generated azure pipelines push with a deploy key; use kind "deploy-key"'],
  ["azure devops settings with github ci", deliveryPlatform(githubDelivery({ azureDevOps: { organizationId: "0f8d2a1e-6b4c-4d3e-9a7f-1c2b3d4e5f60" } })), 'platform.delivery.azureDevOps: is set but ci is "github"'],
  ["github app for an azure repos gitops repository", deliveryPlatform(githubDelivery({ gitopsRepository: { organization: "contoso", project: "platform", repository: "gitops" } })), 'platform.delivery.gitopsPushCredential: a github app pushes to github only; use kind "deploy-key"'],
  ["secret name github refuses", deliveryPlatform(githubDelivery({ gitopsPushCredential: { kind: "deploy-key", privateKeySecret: "GITHUB_TOKEN" } })), 'privateKeySecret: "GITHUB_TOKEN" is not a github actions secret name'],
  ["secret name with a dash", deliveryPlatform(githubDelivery({ gitopsPushCredential: { kind: "deploy-key", privateKeySecret: "gitops-key" } })), 'privateKeySecret: "gitops-key" is not a github actions secret name'],
  ["app id not a whole number", deliveryPlatform(githubDelivery({ gitopsPushCredential: { kind: "github-app", appId: 1.5, privateKeySecret: "KEY" } })), "appId: 1.5 is not an app id"],
  ["unpinned node version", deliveryPlatform(githubDelivery({ nodeVersion: "22" })), 'platform.delivery.nodeVersion: "22" is not pinned; use an exact version'],
  ["unpinned terraform version", deliveryPlatform(githubDelivery({ terraformVersion: "~> 1.13" })), 'platform.delivery.terraformVersion: "~> 1.13" is not pinned'],
  ["empty runner labels", deliveryPlatform(githubDelivery({ runsOn: [] })), "platform.delivery.runsOn: is empty"],
  ["runner label with expression syntax", deliveryPlatform(githubDelivery({ runsOn: ["${{ github.actor }}"] })), 'platform.delivery.runsOn: label "${{ github.actor }}" is not valid'],
  ["bad owner name", deliveryPlatform(githubDelivery({ infraRepository: { owner: "con toso", name: "infra" } })), 'platform.delivery.infraRepository.owner: "con toso" is not a valid github name'],
  ["tenant id not a guid", deliveryPlatform(undefined, () => ({ tenantId: "contoso.onmicrosoft.com" })), 'environments/dev.delivery.tenantId: "contoso.onmicrosoft.com" is not a guid'],
  ["subscription id not a guid", deliveryPlatform(undefined, (name) => (name === "dev" ? { subscriptionId: "dev-sub" } : {})), 'environments/dev.delivery.subscriptionId: "dev-sub" is not a guid'],
  ["shared subscription", deliveryPlatform(undefined, () => ({ subscriptionId: "5d1c7a3e-2b6f-4c8d-9e0a-1f3b5d7c9e21" })), "environments/staging.delivery.subscriptionId: is also the subscription of dev; give each environment its own subscription"],
  ["resource subscription differs", withEnv(deliveryPlatform(), "dev", (e) => ({ ...e, subscriptionId: "11111111-2222-4333-8444-555555555555" })), "differs from the environment's subscriptionId"],
  ["prod without approvers", deliveryPlatform(undefined, (name) => (name === "prod" ? { approvers: [] } : {})), "environments/prod.delivery.approvers: is empty for a prod environment"],
  ["approver not a team slug", deliveryPlatform(undefined, (name) => (name === "prod" ? { approvers: ["alice"] } : {})), 'environments/prod.delivery.approvers: "alice" is not a github team; use "org/team-slug"'],
  ["approver twice", deliveryPlatform(undefined, (name) => (name === "prod" ? { approvers: ["contoso/a", "contoso/a"] } : {})), "lists an approver twice"],
  ["sync repository is not the published one", withEnv(deliveryPlatform(), "dev", (e) => ({ ...e, gitops: { url: "https://github.com/contoso/other-gitops.git" } })), 'environments/dev.gitops.url: "https://github.com/contoso/other-gitops.git" is not the gitops repository the pipeline publishes to (contoso/platform-gitops)'],
];

describe("delivery settings", () => {
  test.each(BAD)("%s is an error", (_name, spec, message) => {
    expect(() => resolvePlatform(spec)).toThrow(message);
    expect(validatePlatform(spec).some((p) => p.includes(message))).toBe(true);
  });

  test("a valid spec has no problems, and defaults are the named constants", () => {
    expect(validatePlatform(deliveryPlatform())).toEqual([]);
    const delivery = resolvePlatform(deliveryPlatform()).delivery!;
    expect(delivery.nodeVersion).toBe(DEFAULT_NODE_VERSION);
    expect(delivery.terraformVersion).toBe(DEFAULT_TERRAFORM_VERSION);
    expect(delivery.runsOn).toEqual(DEFAULT_RUNS_ON);
    expect(delivery.environments.dev.approvers).toEqual([]);
    expect(delivery.environments.prod.approvers).toEqual(["contoso/platform-team"]);
  });

  test("every delivery problem joins the platform's other problems in one error", () => {
    const spec = withEnv(deliveryPlatform(githubDelivery({ nodeVersion: "latest" })), "dev", (e) => ({ ...e, location: "West Europe" }));
    const problems = validatePlatform(spec);
    expect(problems.some((p) => p.startsWith("environments/dev: location"))).toBe(true);
    expect(problems.some((p) => p.startsWith("platform.delivery.nodeVersion"))).toBe(true);
  });

  test("a platform without delivery settings is unaffected", () => {
    expect(validatePlatform(platformSpec())).toEqual([]);
    expect(resolvePlatform(platformSpec()).delivery).toBeUndefined();
  });
});
