import { App } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { pullRequestCheckNames } from "../../lib/delivery/pull-request-checks";
import { buildPlatform } from "../../stacks/build-platform";
import { tempDir } from "../support/governance";
import { resourcesOf } from "../support/terraform-json";

// The reference platform synthesized once: the generated workflows and the governance stack must agree.
const REPO_ROOT = path.join(__dirname, "..", "..");
const outdir = tempDir("governance-pipelines-");
const app = new App({ outdir });
const stacks = buildPlatform(app, referencePlatform, { apps: referenceApps, pins: referencePins });
app.synth();
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

const WORKFLOWS = path.join(outdir, "pipelines/github/.github/workflows");
const workflows: Record<string, any> = Object.fromEntries(fs.readdirSync(WORKFLOWS).map((f) => [f, parse(fs.readFileSync(path.join(WORKFLOWS, f), "utf8"))]));
const governance = JSON.parse(fs.readFileSync(path.join(outdir, "stacks/governance/cdk.tf.json"), "utf8"));
const environments = Object.fromEntries(Object.entries<any>(governance.resource.github_repository_environment).map(([id, e]) => [e.environment, { id, ...e }]));

describe("governance and the generated pipelines", () => {
  test("the reference platform synthesizes a governance stack after delivery", () => {
    expect(stacks.governance?.node.id).toBe("governance");
    expect(stacks.governance?.dependencies).toContain(stacks.delivery);
  });

  test("required checks equal the pull-request workflow's check jobs, and every other job of it feeds one of them", () => {
    const infra = resourcesOf(governance, "github_repository_ruleset").find((r) => r.repository === "platform-infra");
    const required = infra.rules.required_status_checks.required_check.map((c: any) => c.context);
    expect(required).toEqual(pullRequestCheckNames(referencePlatform));
    const jobs: Record<string, any> = workflows["pull-request.yml"].jobs;
    const byName = Object.entries(jobs).filter(([, job]) => required.includes(job.name));
    expect(byName.map(([, job]) => job.name).sort()).toEqual([...required].sort());
    const covered = new Set<string>();
    const visit = (id: string): void => {
      if (covered.has(id)) return;
      covered.add(id);
      for (const need of [jobs[id].needs ?? []].flat()) visit(need);
    };
    for (const [id] of byName) visit(id);
    expect(Object.keys(jobs).filter((id) => !covered.has(id))).toEqual([]);
  });

  test("every environment a workflow job uses exists, with a variable for every vars.* the job reads", () => {
    let checked = 0;
    for (const [file, workflow] of Object.entries(workflows)) {
      for (const [id, job] of Object.entries<any>(workflow.jobs)) {
        if (job.environment === undefined) continue;
        const name = typeof job.environment === "string" ? job.environment : job.environment.name;
        expect({ file, id, exists: name in environments }).toEqual({ file, id, exists: true });
        const reads = [...JSON.stringify(job).matchAll(/vars\.([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]);
        const defined = resourcesOf(governance, "github_actions_environment_variable")
          .filter((v) => v.environment === `\${github_repository_environment.${environments[name].id}.environment}`)
          .map((v) => v.variable_name);
        for (const variable of reads) expect({ file, id, variable, defined: defined.includes(variable) }).toEqual({ file, id, variable, defined: true });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  test("environments whose spec names approvers wait for those teams; the others and the plan environments do not", () => {
    const teams = Object.fromEntries(Object.entries<any>(governance.data.github_team).map(([id, t]) => [`\${data.github_team.${id}.id}`, t.slug]));
    for (const env of referencePlatform.environments) {
      const approvers = (env.delivery?.approvers ?? []).map((a) => a.split("/")[1]);
      const apply = environments[env.name];
      expect((apply.reviewers?.[0]?.teams ?? []).map((t: string) => teams[t])).toEqual(approvers);
      if (approvers.length > 0) expect(apply.prevent_self_review).toBe(true);
      expect(apply.deployment_branch_policy).toEqual({ protected_branches: true, custom_branch_policies: false });
      expect(environments[`${env.name}-plan`].reviewers).toBeUndefined();
    }
    expect(environments.prod.reviewers).toBeDefined();
  });

  test("the infra CODEOWNERS sits next to the workflows and its exact paths are files of this repository", () => {
    const text = fs.readFileSync(path.join(outdir, "pipelines/github/.github/CODEOWNERS"), "utf8");
    const patterns = text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(/\s+/)[0]);
    expect(patterns).toContain("/.github/CODEOWNERS");
    for (const pattern of patterns.filter((p) => p.startsWith("/environments/"))) expect({ pattern, exists: fs.existsSync(path.join(REPO_ROOT, pattern)) }).toEqual({ pattern, exists: true });
    expect(patterns.filter((p) => p.startsWith("/environments/"))).toHaveLength(2 * referencePlatform.environments.length);
  });
});
