import { AnnotationMetadataEntryType, App, Testing } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { GovernanceStack } from "../../stacks/governance-stack";
import { FIXED_CHECKS, governanceProps, governedEnvironments, synthGovernance } from "../support/governance";
import { danglingReferences, resourcesOf } from "../support/terraform-json";

const { outdir, json } = synthGovernance(governanceProps());
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

function rulesetOf(repository: string): any {
  return resourcesOf(json, "github_repository_ruleset").find((r) => r.repository === repository);
}

describe("GovernanceStack", () => {
  test("the infra ruleset requires exactly the pull-request pipeline's checks and has no bypass actors", () => {
    const infra = rulesetOf("platform-infra");
    expect(infra.rules.required_status_checks.required_check.map((c: any) => c.context)).toEqual(FIXED_CHECKS);
    expect(infra.bypass_actors).toEqual([]);
    expect(infra.rules.pull_request).toMatchObject({ require_code_owner_review: true, require_last_push_approval: true, dismiss_stale_reviews_on_push: true });
  });

  test("the gitops ruleset's bypass list holds exactly the release identity", () => {
    const gitops = rulesetOf("platform-gitops");
    expect(gitops.bypass_actors).toEqual([{ actor_type: "Integration", actor_id: 123456, bypass_mode: "always" }]);
    expect(gitops.rules.required_status_checks).toBeUndefined();
    expect(gitops.rules.pull_request.require_code_owner_review).toBe(true);
    const deployKey = synthGovernance(governanceProps({ releaseIdentity: { kind: "deploy-key" } }));
    const byRepository = Object.fromEntries(resourcesOf(deployKey.json, "github_repository_ruleset").map((r) => [r.repository, r.bypass_actors]));
    expect(byRepository).toEqual({ "platform-infra": [], "platform-gitops": [{ actor_type: "DeployKey", bypass_mode: "always" }] });
    fs.rmSync(deployKey.outdir, { recursive: true, force: true });
  });

  test("every environment the pipelines use exists: <env>-plan and <env>, with the identities' client ids as variables", () => {
    const environments = resourcesOf(json, "github_repository_environment");
    expect(environments.map((e) => e.environment).sort()).toEqual(["dev", "dev-plan", "prod", "prod-plan", "staging", "staging-plan"]);
    const variables = resourcesOf(json, "github_actions_environment_variable");
    for (const env of governedEnvironments()) {
      for (const [name, identity] of [[`${env.name}-plan`, env.identities.plan], [env.name, env.identities.apply]] as const) {
        const resource = Object.entries(json.resource.github_repository_environment).find(([, e]: any) => e.environment === name)![0];
        const own = variables.filter((v) => v.environment === `\${github_repository_environment.${resource}.environment}`);
        expect(Object.fromEntries(own.map((v) => [v.variable_name, v.value]))).toEqual({
          AZURE_CLIENT_ID: identity.clientId,
          AZURE_TENANT_ID: env.tenantId,
          AZURE_SUBSCRIPTION_ID: env.subscriptionId,
        });
      }
    }
    expect(json.resource.github_actions_environment_secret).toBeUndefined();
  });

  test("prod waits for its approvers; plan environments run pull requests from any branch without approval", () => {
    const byName = Object.fromEntries(resourcesOf(json, "github_repository_environment").map((e) => [e.environment, e]));
    expect(byName.prod).toMatchObject({ prevent_self_review: true, can_admins_bypass: false, deployment_branch_policy: { protected_branches: true, custom_branch_policies: false } });
    expect(byName.prod.reviewers[0].teams).toHaveLength(1);
    expect(Object.values(json.data.github_team).map((t: any) => t.slug)).toEqual(["prod-approvers"]);
    expect(byName.dev.reviewers).toBeUndefined();
    expect(byName.dev.deployment_branch_policy).toEqual({ protected_branches: true, custom_branch_policies: false });
    expect(byName["prod-plan"].reviewers).toBeUndefined();
    expect(byName["prod-plan"].deployment_branch_policy).toBeUndefined();
  });

  test("one github provider block with the owner and no token; local state; no dangling references", () => {
    expect(json.provider.github).toEqual([{ owner: "contoso" }]);
    expect(JSON.stringify(json)).not.toMatch(/token|secret/i);
    expect(json.terraform.backend).toEqual({ local: { path: "../../../terraform.governance.tfstate" } });
    expect(danglingReferences(json)).toEqual([]);
  });

  test("writes both CODEOWNERS files at synth", () => {
    const infra = fs.readFileSync(path.join(outdir, "pipelines/github/.github/CODEOWNERS"), "utf8");
    const gitops = fs.readFileSync(path.join(outdir, "gitops-root/.github/CODEOWNERS"), "utf8");
    expect(infra).toContain("/environments/pins/prod.json    @contoso/prod-approvers\n");
    expect(infra).toContain("/.github/CODEOWNERS             @contoso/platform\n");
    expect(gitops).toContain("/environments/prod/    @contoso/prod-approvers\n");
  });

  test("a gitops repository of another owner gets its own aliased provider", () => {
    const other = JSON.parse(Testing.synth(new GovernanceStack(new App(), governanceProps({ gitopsRepository: { owner: "fabrikam", name: "gitops" } }))));
    expect(other.provider.github).toEqual([{ owner: "contoso" }, { owner: "fabrikam", alias: "gitops" }]);
    const providers = Object.fromEntries(resourcesOf(other, "github_repository_ruleset").map((r) => [r.repository, r.provider]));
    expect(providers).toEqual({ "platform-infra": undefined, gitops: "github.gitops" });
  });

  test("plan limits are errors before any resource exists, and warnings are annotations", () => {
    const make = (plan: "free" | "team") => new GovernanceStack(new App(), governanceProps({}, { plan }));
    expect(() => make("free")).toThrow("platform.governance.infraRepositoryVisibility: rulesets on a private repository need a paid github plan");
    expect(() => make("team")).toThrow("environments/prod.delivery.approvers: required reviewers on environments of a private repository need github enterprise");
    const team = new GovernanceStack(new App(), governanceProps({ environments: governedEnvironments({ prod: { approvers: [] } }) }, { plan: "team" }));
    const warnings = team.node.metadata.filter((m) => m.type === AnnotationMetadataEntryType.WARN).map((m) => m.data);
    expect(warnings).toEqual([expect.stringContaining("platform.governance.plan: on a private repository without github enterprise, repository administrators can bypass")]);
    const byName = Object.fromEntries(resourcesOf(JSON.parse(Testing.synth(team)), "github_repository_environment").map((e) => [e.environment, e]));
    expect(byName.prod.can_admins_bypass).toBe(true);
  });

  test("matches its snapshot", () => {
    expect(json).toMatchSnapshot();
  });
});

describe("GovernanceStack state", () => {
  test("with remote state: governance.tfstate in the state container, azure ad auth", () => {
    const remoteState = { resourceGroupName: "rg-state", storageAccountName: "ststate", containerName: "tfstate", location: "westeurope" };
    const stackJson = JSON.parse(Testing.synth(new GovernanceStack(new App(), governanceProps({ remoteState }))));
    expect(stackJson.terraform.backend.azurerm).toMatchObject({ key: "governance.tfstate", container_name: "tfstate", use_azuread_auth: true, use_oidc: true });
  });
});
