import { App, TerraformStack, Testing } from "cdktf";
import { GithubProvider } from "@cdktf/provider-github/lib/provider";
import { DeploymentEnvironment, DeploymentEnvironmentProps } from "../../lib/governance/deployment-environment";
import { onlyResource, resourcesOf, danglingReferences } from "../support/terraform-json";

function synth(props: Partial<DeploymentEnvironmentProps>): any {
  const stack = new TerraformStack(new App(), "test");
  new GithubProvider(stack, "github", { owner: "contoso" });
  new DeploymentEnvironment(stack, "Env", { repository: "platform-infra", owner: "contoso", name: "prod", ...props });
  return JSON.parse(Testing.synth(stack));
}

describe("DeploymentEnvironment", () => {
  test("reviewer teams are looked up by slug; self-review prevented, protected branches only, no admin bypass", () => {
    const json = synth({ reviewers: ["contoso/prod-approvers", "Contoso/sre"] });
    expect(Object.values(json.data.github_team).map((t: any) => t.slug)).toEqual(["prod-approvers", "sre"]);
    const env = onlyResource(json, "github_repository_environment");
    expect(env).toEqual({
      repository: "platform-infra",
      environment: "prod",
      can_admins_bypass: false,
      prevent_self_review: true,
      reviewers: [{ teams: [expect.stringMatching(/^\$\{data\.github_team\.Env_Reviewer0_[0-9A-F]{8}\.id\}$/), expect.stringMatching(/^\$\{data\.github_team\.Env_Reviewer1_[0-9A-F]{8}\.id\}$/)] }],
      deployment_branch_policy: { protected_branches: true, custom_branch_policies: false },
    });
    expect(danglingReferences(json)).toEqual([]);
  });

  test("without reviewers: no reviewer block and no self-review setting; branch rule can be lifted for plan environments", () => {
    const env = onlyResource(synth({ protectedBranchesOnly: false, adminsCanBypass: true }), "github_repository_environment");
    expect(env).toEqual({ repository: "platform-infra", environment: "prod", can_admins_bypass: true });
  });

  const ENVIRONMENT = expect.stringMatching(/^\$\{github_repository_environment\.Env_[0-9A-F]{8}\.environment\}$/);

  test("variables are environment variables of the environment, never secrets", () => {
    const json = synth({ variables: { ARM_TENANT_ID: "t", ARM_CLIENT_ID: "c" } });
    expect(resourcesOf(json, "github_actions_environment_variable")).toEqual([
      { repository: "platform-infra", environment: ENVIRONMENT, variable_name: "ARM_CLIENT_ID", value: "c" },
      { repository: "platform-infra", environment: ENVIRONMENT, variable_name: "ARM_TENANT_ID", value: "t" },
    ]);
    expect(json.resource.github_actions_environment_secret).toBeUndefined();
  });

  test("refuses teams of another organization, too many reviewers, repeated teams and bad variable names", () => {
    const seven = ["a", "b", "c", "d", "e", "f", "g"].map((t) => `contoso/${t}`);
    expect(() => synth({ reviewers: seven })).toThrow("test/Env: 7 reviewers, github allows at most 6; use fewer teams");
    const make = () => synth({ name: "bad name", reviewers: ["fabrikam/ops", "ops", "contoso/x", "contoso/x"], variables: { GITHUB_TOKEN: "x", "1X": "y" } });
    expect(make).toThrow('test/Env: reviewer team "fabrikam/ops" is not in the repository\'s organization "contoso"; use a team of "contoso"');
    expect(make).toThrow('test/Env: reviewer "ops" is not a team slug; use "org/team"');
    expect(make).toThrow("test/Env: a reviewer team is listed twice; list each team once");
    expect(make).toThrow('test/Env: variable name "GITHUB_TOKEN" is not valid');
    expect(make).toThrow('test/Env: variable name "1X" is not valid');
    expect(make).toThrow('test/Env: environment name "bad name" is not valid');
  });
});
