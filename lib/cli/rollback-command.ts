import { Command, Option } from "commander";
import { CliContext, CommonOptions, positiveInt, withCommonOptions } from "./context";

/** `cdktf-gitops rollback`: restore an environment's folder to an earlier release with a new commit. */
export function registerRollback(program: Command, cli: CliContext): void {
  withCommonOptions(program.command("rollback"), false)
    .description("restore environments/<env>/ in the GitOps repository to an earlier release with a new commit (path-scoped, never a force-push)")
    .requiredOption("--env <env>", "environment to roll back")
    .addOption(new Option("--to <release>", "release id (or GitOps commit hash) to restore").conflicts("steps"))
    .addOption(new Option("--steps <n>", "restore the release n releases back in the environment's history (default 1)").argParser(positiveInt("--steps")))
    .action(async (options: CommonOptions & { env: string; to?: string; steps?: number }) => {
      const { rollback } = await import("../release/rollback");
      const { io } = cli;
      const result = rollback({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environment: options.env, to: options.to, steps: options.steps, progress: cli.progress(options) });
      cli.print(options, { ok: true, ...result }, () =>
        result.changed
          ? `rolled ${result.environment} back to release ${result.restored.id} (reverting ${result.reverted.id}) with release ${result.releaseId} as ${result.commit?.slice(0, 12)}: ${result.files.length} file(s) changed\n${options.verbose ? result.files.map((f) => `  ${f.status} ${f.path}\n`).join("") : ""}`
          : `nothing to roll back: ${result.environment} already matches release ${result.restored.id}\n`,
      );
    });
}
