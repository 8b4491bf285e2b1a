import type { Command } from "commander";
import { ExitCode } from "../release/errors";
import { CliContext, listOption, SynthOptions, withCommonOptions } from "./context";
import { compareJson, differingFiles } from "./format";

/** `cdktf-gitops verify`: the GitOps repository against a fresh synth; exit code 1 when they differ. */
export function registerVerify(program: Command, cli: CliContext): void {
  withCommonOptions(program.command("verify"), true)
    .description("compare a fresh synth with what is committed in the GitOps repository; exit code 1 with the differing files when they differ")
    .action(async (options: SynthOptions) => {
      const { verify } = await import("../release/verify");
      const { io } = cli;
      const result = verify({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environments: listOption(options.env), out: options.out, progress: cli.progress(options) });
      cli.print(options, compareJson(result), () =>
        result.upToDate
          ? `verified: ${result.repository} (${result.branch}) matches a fresh synth\n`
          : `${result.repository} (${result.branch}) differs from a fresh synth in ${result.plan.files.length} file(s):\n${differingFiles(result, options.verbose)}run "cdktf-gitops diff" for details, "cdktf-gitops publish" to bring the repository in line\n`,
      );
      if (!result.upToDate) cli.setExitCode(ExitCode.DIFFERENCES);
    });
}
