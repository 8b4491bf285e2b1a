import * as fs from "fs";
import * as path from "path";
import { ChangedStacksResult } from "./changed-stacks";
import { compareStrings } from "./source";
import type { StackPlan } from "./terraform-stacks";

/** GitHub refuses comments over 65,536 characters; stay below with room for the marker and the note. */
export const COMMENT_LIMIT = 65_000;

/** Inputs of `pullRequestReport`. */
export interface PullRequestReportInput {
  /** Folder with `diff.json` (`cdktf-gitops diff --json`) and `<env>.json` (`changed-stacks --json`) per environment. */
  readonly changes: string;
  /** Folder with `plans-<env>/plans.json` and `plans-<env>/<stack>.txt` (absent for environments with no plan). */
  readonly plans: string;
  /** The synthesized cdktf.out (for `policy-report.json` when it exists). */
  readonly out?: string;
  /** The marker that identifies the comment. */
  readonly marker: string;
}

const readJson = <T>(file: string): T | undefined => (fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as T) : undefined);
const mermaidId = (name: string): string => name.replace(/[^A-Za-z0-9_]/g, "_");

function mermaid(result: ChangedStacksResult, plans: readonly StackPlan[]): string[] {
  if (result.stacks.length === 0) return [];
  const lines = ["```mermaid", "graph LR"];
  const touched = new Set(result.stacks.map((s) => s.name));
  for (const stack of result.stacks) {
    const plan = plans.find((p) => p.stack === stack.name);
    const label = `${stack.name}${stack.ready ? (plan ? `: ${plan.result}` : "") : ": pending upstream"}`;
    lines.push(`  ${mermaidId(stack.name)}["${label.replace(/"/g, "'")}"]`);
    for (const up of stack.upstream) if (touched.has(up)) lines.push(`  ${mermaidId(up)} --> ${mermaidId(stack.name)}`);
  }
  lines.push("```");
  return lines;
}

function environmentSection(env: string, input: PullRequestReportInput, diff: { environments?: { environment: string; apps: { app: string; from?: string; to?: string; files: string[] }[]; files: unknown[] }[] } | undefined, full: boolean): string[] {
  const result = readJson<ChangedStacksResult>(path.join(input.changes, `${env}.json`));
  const plans = readJson<StackPlan[]>(path.join(input.plans, `plans-${env}`, "plans.json")) ?? [];
  const release = diff?.environments?.find((e) => e.environment === env);
  const lines = [`### ${env}`, ""];
  if (release) {
    lines.push(`GitOps release: ${release.files.length} file(s) change.`);
    for (const app of release.apps) lines.push(`- app \`${app.app}\`: ${app.from === app.to ? `${app.files.length} file(s)` : `${app.from ?? "(new)"} → ${app.to ?? "(removed)"}`}`);
  } else lines.push("GitOps release: no change.");
  lines.push("");
  if (!result || result.stacks.length === 0) return [...lines, "Terraform: no stack changes.", ""];
  lines.push("| stack | layer | why | plan |", "|---|---|---|---|");
  for (const stack of result.stacks) {
    const plan = plans.find((p) => p.stack === stack.name);
    const why = stack.status === "changed" ? "synthesized JSON changed" : stack.status === "outputs-added" ? "new outputs only" : "reads a changed stack";
    const planned = stack.ready ? (plan ? `${plan.result === "error" ? "**error**" : plan.summary}` : "not planned") : `pending upstream: ${stack.upstream.join(", ")} (its inputs are known after that apply)`;
    lines.push(`| \`${stack.name}\` | ${stack.layer} | ${why} | ${planned.replace(/\|/g, "\\|").replace(/\n/g, " ")} |`);
  }
  lines.push("", ...mermaid(result, plans), "");
  if (full) {
    for (const plan of plans) {
      const text = path.join(input.plans, `plans-${env}`, `${plan.stack}.txt`);
      if (fs.existsSync(text)) lines.push(`<details><summary>${plan.stack}</summary>`, "", "```", fs.readFileSync(text, "utf8").trim(), "```", "</details>", "");
    }
  }
  return lines;
}

/**
 * The pull request's plan report: per environment, the GitOps release (apps and files), the touched stacks with
 * why and their plan (or "pending upstream" and what it waits for), a Mermaid graph of them, bootstrap stacks to
 * apply by hand, and policy findings when a report exists. `comment` stays under GitHub's comment limit (plan
 * texts left out, then cut with a note); `full` has everything.
 */
export function pullRequestReport(input: PullRequestReportInput): { comment: string; full: string } {
  const diff = readJson<Parameters<typeof environmentSection>[2]>(path.join(input.changes, "diff.json"));
  const environments = fs.existsSync(input.changes) ? fs.readdirSync(input.changes).filter((f) => f.endsWith(".json") && f !== "diff.json").map((f) => f.slice(0, -5)).sort(compareStrings) : [];
  const bootstrap = [...new Set(environments.flatMap((env) => readJson<ChangedStacksResult>(path.join(input.changes, `${env}.json`))?.bootstrap ?? []))].sort(compareStrings);
  const head = [input.marker, "## cdktf-gitops plan", ""];
  if (bootstrap.length > 0) {
    head.push(`> [!WARNING]`, `> Bootstrap stack(s) changed: ${bootstrap.map((b) => `\`${b}\``).join(", ")}. No pipeline applies them: **apply by hand** (\`terraform apply\` in \`cdktf.out/stacks/<stack>\`) after merging.`, "");
  }
  // The policy engine's report (cdktf.out/policy-report.json and its markdown summary), when the platform has one.
  type Summary = { evaluations: number; blocking: number; warnings: number; suppressed: number };
  const policy = input.out ? readJson<{ summary?: Summary }>(path.join(input.out, "policy-report.json")) : undefined;
  const policyText = input.out && fs.existsSync(path.join(input.out, "policy-summary.md")) ? fs.readFileSync(path.join(input.out, "policy-summary.md"), "utf8").trim() : "";
  const tail = (full: boolean): string[] => {
    if (!policy?.summary) return [];
    const s = policy.summary;
    return ["### Policy", "", `${s.evaluations} evaluation(s): ${s.blocking} blocking, ${s.warnings} warning(s), ${s.suppressed} suppressed with a reason.`, "", ...(full && policyText ? [policyText, ""] : [])];
  };
  const render = (full: boolean): string => [...head, ...environments.flatMap((env) => environmentSection(env, input, diff, full)), ...tail(full)].join("\n");
  const full = render(true);
  let comment = render(false);
  if (comment.length > COMMENT_LIMIT) {
    const note = "\n\n… cut to fit GitHub's comment limit: the full report is the run's `plan-report` artifact and its summary.";
    comment = comment.slice(0, COMMENT_LIMIT - note.length) + note;
  } else if (full.length > comment.length) {
    comment += "\n\nThe plan texts are in the run's summary and its `plan-report` artifact.";
  }
  return { comment, full };
}
