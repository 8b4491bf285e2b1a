import * as fs from "fs";
import * as path from "path";
import type { Command } from "commander";
import { ExitCode, ReleaseError } from "../release/errors";
import { CliContext } from "./context";

interface PolicyOptions {
  out: string;
  json?: boolean;
  summaryFile?: string;
}

/**
 * `cdktf-gitops policy`: the policy gate of a pull request over an existing synth output. Prints the markdown
 * summary (or the report as JSON), appends the summary to `--summary-file` (e.g. "$GITHUB_STEP_SUMMARY"), and
 * exits 1 when there is an unsuppressed error-level finding, an expired suppression or a manifest synth did not
 * evaluate; 2 when there is no report.
 */
export function registerPolicy(program: Command, cli: CliContext): void {
  program
    .command("policy")
    .description("report the policy findings of a synth (cdktf.out/policy-report.json); exit code 1 on unsuppressed error-level findings")
    .option("--out <dir>", "the synthesized output folder", "cdktf.out")
    .option("--json", "print the report as JSON on stdout")
    .option("--summary-file <file>", "also append the markdown summary to this file (e.g. \"$GITHUB_STEP_SUMMARY\")")
    .action(async (options: PolicyOptions) => {
      const { policyGate } = await import("../policy/policy-gate");
      const { io } = cli;
      const outdir = path.resolve(io.cwd, options.out);
      let result;
      try {
        result = policyGate(outdir);
      } catch (error) {
        throw new ReleaseError((error as Error).message, ExitCode.BAD_INPUT);
      }
      if (options.summaryFile) fs.appendFileSync(path.resolve(io.cwd, options.summaryFile), result.markdown);
      if (options.json) io.stdout(`${JSON.stringify({ ok: result.ok, unevaluatedFiles: result.unevaluatedFiles, ...result.report }, null, 2)}\n`);
      else io.stdout(result.markdown);
      if (!result.ok) cli.setExitCode(ExitCode.DIFFERENCES);
    });
}
