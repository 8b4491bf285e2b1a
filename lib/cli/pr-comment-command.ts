import * as fs from "fs";
import type { Command } from "commander";
import { CliContext } from "./context";

/** `cdktf-gitops pr-comment`: the pull request's plan report (for the generated pull-request workflow). */
export function registerPrComment(program: Command, cli: CliContext): void {
  program
    .command("pr-comment")
    .description("write the pull request's plan report: a comment under GitHub's size limit and the full text")
    .requiredOption("--changes <dir>", "folder with diff.json and <env>.json (changed-stacks --json)")
    .requiredOption("--plans <dir>", "folder with plans-<env>/plans.json and the plan texts")
    .requiredOption("--comment <file>", "where to write the comment")
    .requiredOption("--full <file>", "where to write the full report")
    .option("--out <dir>", "the synthesized cdktf.out (for its policy report)")
    .option("--marker <text>", "the marker of the sticky comment", "<!-- cdktf-gitops:plan -->")
    .action(async (options: { changes: string; plans: string; comment: string; full: string; out?: string; marker: string }) => {
      const { pullRequestReport } = await import("../release/pr-comment");
      const report = pullRequestReport({ changes: options.changes, plans: options.plans, out: options.out, marker: options.marker });
      fs.writeFileSync(options.comment, report.comment);
      fs.writeFileSync(options.full, report.full);
      cli.io.stderr(`wrote ${options.comment} (${report.comment.length} characters) and ${options.full}\n`);
    });
}
