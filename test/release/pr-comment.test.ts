import * as fs from "fs";
import * as path from "path";
import { COMMENT_LIMIT, pullRequestReport } from "../../lib/release/pr-comment";
import { tmpDir } from "./support";

function inputs(stackCount: number, planText = "  + resource\n"): { changes: string; plans: string } {
  const dir = tmpDir("pr-comment-");
  const changes = path.join(dir, "changes");
  const plans = path.join(dir, "plans", "plans-dev");
  fs.mkdirSync(changes, { recursive: true });
  fs.mkdirSync(plans, { recursive: true });
  const stacks = [{ name: "dev-platform", layer: 0, status: "changed", ready: true, upstream: [] }];
  for (let i = 0; i < stackCount; i++) stacks.push({ name: `dev-app-a${i}`, layer: 1, status: "downstream", ready: false, upstream: ["dev-platform"] as never });
  fs.writeFileSync(path.join(changes, "dev.json"), JSON.stringify({ environment: "dev", stacks, layers: [], bootstrap: ["delivery"] }));
  fs.writeFileSync(path.join(changes, "prod.json"), JSON.stringify({ environment: "prod", stacks: [], layers: [], bootstrap: ["delivery"] }));
  fs.writeFileSync(path.join(changes, "diff.json"), JSON.stringify({ environments: [{ environment: "dev", files: [{}, {}], apps: [{ app: "web", from: "web@sha256:1", to: "web@sha256:2", files: [] }] }] }));
  fs.writeFileSync(path.join(plans, "plans.json"), JSON.stringify([{ stack: "dev-platform", result: "changes", summary: "Plan: 1 to add, 0 to change, 0 to destroy." }]));
  fs.writeFileSync(path.join(plans, "dev-platform.txt"), planText);
  return { changes, plans: path.dirname(plans) };
}

describe("pull request report", () => {
  test("per environment: the release, touched stacks with why, pending upstream, a mermaid graph; bootstrap stacks flagged", () => {
    const { comment, full } = pullRequestReport({ ...inputs(1), marker: "<!-- m -->" });
    expect(comment.startsWith("<!-- m -->\n## cdktf-gitops plan")).toBe(true);
    expect(comment).toContain("Bootstrap stack(s) changed: `delivery`. No pipeline applies them: **apply by hand**");
    expect(comment).toContain("- app `web`: web@sha256:1 → web@sha256:2");
    expect(comment).toContain("| `dev-platform` | 0 | synthesized JSON changed | Plan: 1 to add, 0 to change, 0 to destroy. |");
    expect(comment).toContain("| `dev-app-a0` | 1 | reads a changed stack | pending upstream: dev-platform (its inputs are known after that apply) |");
    expect(comment).toContain('```mermaid\ngraph LR\n  dev_platform["dev-platform: changes"]\n  dev_app_a0["dev-app-a0: pending upstream"]\n  dev_platform --> dev_app_a0\n```');
    expect(comment).toContain("### prod\n\nGitOps release: no change.\n\nTerraform: no stack changes.");
    expect(full).toContain("<details><summary>dev-platform</summary>");
    expect(comment).not.toContain("<details>");
  });

  test("a report over GitHub's limit is cut with a note; the full text keeps everything", () => {
    const { comment, full } = pullRequestReport({ ...inputs(3000, "x".repeat(200_000)), marker: "<!-- m -->" });
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(COMMENT_LIMIT).toBeLessThan(65_536);
    expect(comment).toContain("cut to fit GitHub's comment limit");
    expect(full.length).toBeGreaterThan(200_000);
    expect(full).toContain("dev-app-a2999");
  });
});

test("policy results join the report when the synth wrote them", () => {
  const dir = tmpDir("pr-comment-policy-");
  fs.writeFileSync(path.join(dir, "policy-report.json"), JSON.stringify({ version: 1, summary: { evaluations: 12, compliant: 10, nonCompliant: 2, unresolved: 0, suppressed: 1, expiredSuppressions: 0, blocking: 1, warnings: 1 }, findings: [] }));
  fs.writeFileSync(path.join(dir, "policy-summary.md"), "| rule | result |\n|---|---|\n| AKS.1 | non-compliant |\n");
  const { comment, full } = pullRequestReport({ ...inputs(0), out: dir, marker: "<!-- m -->" });
  expect(comment).toContain("### Policy\n\n12 evaluation(s): 1 blocking, 1 warning(s), 1 suppressed with a reason.");
  expect(full).toContain("| AKS.1 | non-compliant |");
  expect(pullRequestReport({ ...inputs(0), out: tmpDir("pr-comment-none-"), marker: "m" }).comment).not.toContain("### Policy");
});
