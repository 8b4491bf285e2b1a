import { App, Testing } from "cdktf";
import { buildPlatform } from "../../stacks/build-platform";
import { deliveredPlatformSpec } from "../support/governance";
import { resourcesOf } from "../support/terraform-json";

describe("buildPlatform with governance", () => {
  test("azure devops delivery: the governance stack has branch policies and one environment per platform environment", () => {
    const base = deliveredPlatformSpec({
      governance: { platformTeam: "[platform]\\Platform Team", requiredApprovals: 2, pullRequestPipelineName: "infra pull request" },
      delivery: {
        ci: "azure-devops",
        infraRepository: { organization: "contoso", project: "platform", repository: "platform-infra" },
        gitopsRepository: { organization: "contoso", project: "platform", repository: "platform-gitops" },
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

  test("no governance in the spec: no governance stack", () => {
    expect(buildPlatform(new App(), deliveredPlatformSpec()).governance).toBeUndefined();
  });
});
