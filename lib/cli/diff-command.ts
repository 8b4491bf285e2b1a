import type { Command } from "commander";
import { ExitCode } from "../release/errors";
import { CliContext, listOption, SynthOptions, withCommonOptions } from "./context";
import { compareJson, formatEnvironments } from "./format";

/** `cdktf-gitops diff`: what a publish would change, without committing. */
export function registerDiff(program: Command, cli: CliContext): void {
  withCommonOptions(program.command("diff"), true)
    .description("show what a publish would change, per environment and app, without committing")
    .option("--exit-code", "exit with code 1 when a publish would change something")
    .action(async (options: SynthOptions & { exitCode?: boolean }) => {
      const { diff } = await import("../release/verify");
      const { io } = cli;
      const result = diff({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environments: listOption(options.env), out: options.out, progress: cli.progress(options) });
      cli.print(options, compareJson(result), () => (result.upToDate ? `no changes: ${result.repository} (${result.branch}) is up to date\n` : formatEnvironments(result.plan.environments, true)));
      if (options.exitCode && !result.upToDate) cli.setExitCode(ExitCode.DIFFERENCES);
    });
}
