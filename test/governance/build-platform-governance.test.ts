import { App, Testing } from "cdktf";
import { addGitHubGovernance } from "../../stacks/add-governance";
import { buildPlatform } from "../../stacks/build-platform";
import * as fs from "fs";
import * as path from "path";
import { deliveredPlatformSpec, FIXED_CHECKS, tempDir } from "../support/governance";
import { resourcesOf } from "../support/terraform-json";

describe("buildPlatform with governance", () => {
  test("azure devops delivery: the governance stack has branch policies and one environment per platform environment", () => {
    const base = deliveredPlatformSpec({
      governance: { platformTeam: "[platform]\\Platform Team", requiredApprovals: 2, pullRequestPipelineName: "infra pull request" },
      delivery: {
        ci: "azure-devops",
        infraRepository: { organization: "contoso", project: "platform", repository: "platform-infra" },
        gitopsRepository: { owner: "contoso", name: "platform-gitops" },
        gitopsPushCredential: { kind: "deploy-key", privateKeySecret: "GITOPS_DEPLOY_KEY" },
        azureDevOps: { organizationId: "0d1f2e3c-4b5a-4978-8695-a4b3c2d1e0f9" },
      },
    });
    const spec = { ...base, environments: base.environments.map((e) => ({ ...e, delivery: { ...e.delivery!, approvers: e.name === "prod" ? ["[platform]\\Prod Approvers"] : undefined } })) };
    const stacks = buildPlatform(new App(), spec);
    expect(stacks.governance?.node.id).toBe("governance");
    expect(stacks.governance?.dependencies).toContain(stacks.delivery);
    const json = JSON.parse(Testing.synth(stacks.governance!));
    expect(json.provider.azuredevops).toEqual([{ org_service_url: "https://dev.azure.com/contoso" }]);
    expect(json.data.azuredevops_build_definition.PullRequestPipeline.name).toBe("infra pull request");
    expect(resourcesOf(json, "azuredevops_environment").map((e) => e.name)).toEqual(["dev", "prod", "staging"]);
    expect(resourcesOf(json, "azuredevops_check_approval")).toHaveLength(1);
    expect(resourcesOf(json, "azuredevops_branch_policy_min_reviewers")[0].settings[0].reviewer_count).toBe(2);
    expect(json.terraform.backend.azurerm.key).toBe("governance.tfstate");
  });

  test("github delivery: buildPlatform adds the governance stack; its environment variables are cross-stack references to the delivery stack's identities", () => {
    const outdir = tempDir("governance-build-");
    const app = new App({ outdir });
    const stacks = buildPlatform(app, deliveredPlatformSpec({ governance: { platformTeam: "contoso/platform", plan: "enterprise" } }));
    const governance = stacks.governance!;
    expect(governance.dependencies).toContain(stacks.delivery);
    app.synth();
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/governance/cdk.tf.json"), "utf8"));
    expect(fs.existsSync(path.join(outdir, "pipelines/github/.github/CODEOWNERS"))).toBe(true);
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(json.data.terraform_remote_state).toBeDefined();
    const clientIds = resourcesOf(json, "github_actions_environment_variable").filter((v) => v.variable_name === "AZURE_CLIENT_ID");
    expect(clientIds).toHaveLength(6);
    for (const variable of clientIds) expect(variable.value).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-delivery\.outputs\.[A-Za-z0-9_-]+\}$/);
    const tenants = resourcesOf(json, "github_actions_environment_variable").filter((v) => v.variable_name === "AZURE_TENANT_ID");
    expect(new Set(tenants.map((v) => v.value))).toEqual(new Set(["3b8e6f2a-9c4d-4e1f-a7b5-6d2c8e0f1a93"]));
    expect(addGitHubGovernance(app, buildPlatform(new App(), deliveredPlatformSpec()).platform, stacks.delivery!, FIXED_CHECKS)).toBeUndefined();
  });

  test("no governance in the spec: no governance stack", () => {
    expect(buildPlatform(new App(), deliveredPlatformSpec()).governance).toBeUndefined();
  });
});
