import { Command, Option } from "commander";
import { ReleaseError } from "../release/errors";
import { CliContext, CommonOptions, positiveInt, withCommonOptions } from "./context";

interface RollbackOptions extends CommonOptions {
  env?: string;
  to?: string;
  steps?: number;
  ifCurrent?: string;
  dispatchEvent?: string;
}

/** `cdktf-gitops rollback`: restore an environment's folder to an earlier release with a new commit. */
export function registerRollback(program: Command, cli: CliContext): void {
  withCommonOptions(program.command("rollback"), false)
    .description("restore environments/<env>/ in the GitOps repository to an earlier release with a new commit (path-scoped, never a force-push)")
    .option("--env <env>", "environment to roll back (required, except with --dispatch-event)")
    .addOption(new Option("--to <release>", "release id (or GitOps commit hash) to restore").conflicts(["steps", "ifCurrent", "dispatchEvent"]))
    .addOption(new Option("--steps <n>", "restore the release n releases back in the environment's history (default 1)").argParser(positiveInt("--steps")).conflicts(["ifCurrent", "dispatchEvent"]))
    .addOption(
      new Option("--if-current <revision|release>", "guarded rollback: only when the environment's current release is this one (or was current at this GitOps revision) and is a publish; records it as bad").conflicts("dispatchEvent"),
    )
    .option("--dispatch-event <file>", "guarded rollback requested by a repository_dispatch event file (Flux githubdispatch or the generated Argo CD template; $GITHUB_EVENT_PATH); other events are ignored with exit 0")
    .action(async (options: RollbackOptions) => {
      if (options.dispatchEvent !== undefined || options.ifCurrent !== undefined) return guarded(cli, options);
      if (options.env === undefined) throw new ReleaseError("rollback needs --env <env> (or --dispatch-event <file>)");
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

/** `--if-current` / `--dispatch-event`: the guarded rollback of automatic-rollback.ts. */
async function guarded(cli: CliContext, options: RollbackOptions): Promise<void> {
  const { guardedRollback } = await import("../release/automatic-rollback");
  const { readDispatchEvent } = await import("../release/dispatch-event");
  const { io } = cli;
  let environment = options.env;
  let ifCurrent = options.ifCurrent;
  let cause;
  if (options.dispatchEvent !== undefined) {
    const reading = readDispatchEvent(options.dispatchEvent);
    if ("ignored" in reading) {
      cli.print(options, { ok: true, changed: false, ignored: reading.ignored }, () => `ignored: ${reading.ignored}\n`);
      return;
    }
    const request = reading.request;
    if (options.env !== undefined && options.env !== request.environment) {
      cli.print(options, { ok: true, changed: false, ignored: `the event is for ${request.environment}, not --env ${options.env}` }, () => `ignored: the event is for ${request.environment}, not --env ${options.env}\n`);
      return;
    }
    if (request.branch !== undefined && request.branch !== options.branch) {
      cli.print(options, { ok: true, changed: false, ignored: `the event is for branch ${request.branch}, not ${options.branch}` }, () => `ignored: the event is for branch ${request.branch}, not --branch ${options.branch}\n`);
      return;
    }
    environment = request.environment;
    ifCurrent = request.revision;
    cause = request.cause;
  }
  if (environment === undefined) throw new ReleaseError("rollback --if-current needs --env <env>");
  const result = guardedRollback({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environment, ifCurrent: ifCurrent!, cause, progress: cli.progress(options) });
  cli.print(options, { ok: true, ...result }, () =>
    result.changed
      ? `rolled ${result.environment} back to release ${result.restored?.id} (reverting ${result.reverted?.id}, now recorded as bad) with release ${result.releaseId} as ${result.commit?.slice(0, 12)}\n${result.files.map((f) => `  ${f.status} ${f.path}\n`).join("")}`
      : `nothing to roll back: ${result.skipped}\n`,
  );
}
