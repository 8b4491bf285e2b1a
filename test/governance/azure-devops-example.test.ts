import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import YAML from "yaml";
import { azureDevOpsPlatform } from "../../examples/azure-devops/platform";
import { tempDir } from "../support/governance";
import { resourcesOf } from "../support/terraform-json";

// The Azure DevOps example synthesized as its cdktf.json says: its governance stack must match its pipelines.
const EXAMPLE = path.join(__dirname, "..", "..", "examples", "azure-devops");
const outdir = fs.realpathSync(tempDir("azure-devops-governance-"));
const run = spawnSync(process.execPath, ["-r", "../../register.js", "main.ts"], { cwd: EXAMPLE, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8" });
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Every deployment job of a pipeline. */
function deployments(node: any): any[] {
  if (Array.isArray(node)) return node.flatMap(deployments);
  if (!node || typeof node !== "object") return [];
  return [...(node.deployment ? [node] : []), ...Object.values(node).flatMap(deployments)];
}

describe("Azure DevOps example governance", () => {
  test("synthesizes a governance stack", () => {
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(fs.existsSync(path.join(outdir, "stacks/governance/cdk.tf.json"))).toBe(true);
  });

  test("every environment the pipelines' deployment jobs use exists; those with approvers have an approval check", () => {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/governance/cdk.tf.json"), "utf8"));
    const folder = path.join(outdir, "pipelines/azure-devops");
    const used = new Set(fs.readdirSync(folder).flatMap((f) => deployments(YAML.parse(fs.readFileSync(path.join(folder, f), "utf8"))).map((d) => d.environment)));
    expect(used.size).toBeGreaterThan(0);
    const environments = Object.fromEntries(Object.entries<any>(json.resource.azuredevops_environment).map(([id, e]) => [e.name, id]));
    for (const name of used) expect({ name, exists: name in environments }).toEqual({ name, exists: true });
    const checks = resourcesOf(json, "azuredevops_check_approval").map((c) => c.target_resource_id);
    for (const env of azureDevOpsPlatform.environments) {
      const approved = checks.includes(`\${azuredevops_environment.${environments[env.name]}.id}`);
      expect({ env: env.name, approved }).toEqual({ env: env.name, approved: (env.delivery?.approvers ?? []).length > 0 });
    }
  });

  test("the infra repository's policies: two approvals, last pusher cannot approve, the pull-request pipeline must pass", () => {
    const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/governance/cdk.tf.json"), "utf8"));
    expect(json.data.azuredevops_project.Project.name).toBe("fabrikam-platform");
    expect(json.data.azuredevops_git_repository.InfraRepository.name).toBe("platform-infra");
    expect(json.data.azuredevops_build_definition.PullRequestPipeline.name).toBe("pull-request");
    expect(fs.existsSync(path.join(outdir, "pipelines/azure-devops/pull-request.yml"))).toBe(true);
    expect(resourcesOf(json, "azuredevops_branch_policy_min_reviewers")[0].settings[0]).toMatchObject({ reviewer_count: 2, last_pusher_cannot_approve: true });
    expect(resourcesOf(json, "azuredevops_branch_policy_build_validation")).toHaveLength(1);
    const groups = Object.values<any>(json.data.azuredevops_group).map((g) => g.name).sort();
    expect(groups).toEqual(["Platform Team", "Release Approvers"]);
  });
});
