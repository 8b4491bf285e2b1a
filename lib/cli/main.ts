import type { Command } from "commander";
import { ExitCode, ReleaseError } from "../release/errors";
import type { CompareResult } from "../release/verify";
import type { EnvironmentChange } from "../release/plan";

/** Where the CLI reads and writes: injectable so tests can run it in-process. */
export interface CliIo {
  /** Folder the command runs in. @default process.cwd() */
  readonly cwd: string;
  /** Environment variables. @default process.env */
  readonly env: NodeJS.ProcessEnv;
  /** Writes to standard output. */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** True when standard error is a terminal (colour is used only then, and never with NO_COLOR). */
  readonly stderrIsTTY: boolean;
}

interface CommonOptions {
  repo?: string;
  branch: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/**
 * Runs the `cdktf-gitops` command line and resolves to the exit code (see `ExitCode`): 0 success,
 * 1 differences found, 2 bad input, 3 repository problem, 4 synthesis failed, 5 internal error.
 */
export async function main(argv: readonly string[], ioOverrides: Partial<CliIo> = {}): Promise<number> {
  const io: CliIo = {
    cwd: ioOverrides.cwd ?? process.cwd(),
    env: ioOverrides.env ?? process.env,
    stdout: ioOverrides.stdout ?? ((t) => process.stdout.write(t)),
    stderr: ioOverrides.stderr ?? ((t) => process.stderr.write(t)),
    stderrIsTTY: ioOverrides.stderrIsTTY ?? Boolean(process.stderr.isTTY),
  };
  const color = io.stderrIsTTY && !io.env.NO_COLOR && io.env.TERM !== "dumb";
  const paint = (code: number, text: string): string => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  let exitCode: number = ExitCode.OK;
  const json = argv.includes("--json");

  const { Command, CommanderError, Option } = await import("commander");
  const program: Command = new Command("cdktf-gitops");
  program
    .description("Publish synthesized cdktf output to a GitOps repository; promote, roll back and audit releases with git.")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t), outputError: (t, write) => write(paint(31, t)) })
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 verify/diff found differences, 2 bad input, 3 repository problem\n(unreachable, push rejected or failed), 4 synthesis failed, 5 internal error.",
    );

  const progress = (options: CommonOptions) => (message: string) => {
    if (!options.quiet) io.stderr(`${paint(2, "cdktf-gitops:")} ${message}\n`);
  };
  const warn = (message: string): void => io.stderr(`${paint(33, "warning:")} ${message}\n`);
  // -q: nothing on success but --json output (warnings and errors still go to stderr)
  const print = (options: CommonOptions, value: unknown, text: () => string): void => {
    if (options.json) io.stdout(`${JSON.stringify(value, null, 2)}\n`);
    else if (!options.quiet) io.stdout(text());
  };
  const common = (command: Command, withSynth: boolean): Command => {
    command
      .option("--repo <url|path>", "GitOps repository (default: .gitops/repo.git in the project, created on first use)")
      .option("--branch <name>", "branch releases are committed to", "main")
      .option("--json", "print the result as JSON on stdout (progress stays on stderr)")
      .option("-q, --quiet", "print nothing on success (progress and result; --json output stays)")
      .option("--verbose", "list every changed file, not only the counts per environment and the app changes");
    if (withSynth) {
      command
        .option("--env <env...>", "only these environments (repeat or separate with commas; default: all, plus bootstrap/)")
        .option("--out <dir>", "use an existing synthesized cdktf.out folder instead of synthesizing");
    }
    return command;
  };
  const envList = (value: string[] | undefined): string[] | undefined =>
    value === undefined ? undefined : value.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
  const positiveInt = (name: string) => (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new ReleaseError(`${name} ${value} is not valid; use a whole number of 1 or more`);
    return Number(value);
  };

  common(program.command("publish"), true)
    .description("synthesize (or take --out), lay the output out in the GitOps repository, commit once with provenance trailers and push")
    .option("--allow-dirty", "publish from a source tree with uncommitted changes to a --repo")
    .action(async (options: CommonOptions & { env?: string[]; out?: string; allowDirty?: boolean }) => {
      const { publish } = await import("../release/publish");
      const result = publish({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environments: envList(options.env), out: options.out, allowDirty: options.allowDirty, progress: progress(options), warn });
      const { plan, ...rest } = result;
      print(options, { ok: true, ...rest, files: plan.files, environments: plan.environments }, () =>
        result.changed
          ? `published release ${result.releaseId} to ${result.repository} (${result.branch}) as ${result.commit?.slice(0, 12)}\n${formatEnvironments(result.plan.environments, options.verbose)}`
          : `nothing to publish: ${result.repository} (${result.branch}) is up to date\n`,
      );
    });

  common(program.command("diff"), true)
    .description("show what a publish would change, per environment and app, without committing")
    .option("--exit-code", "exit with code 1 when a publish would change something")
    .action(async (options: CommonOptions & { env?: string[]; out?: string; exitCode?: boolean }) => {
      const { diff } = await import("../release/verify");
      const result = diff({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environments: envList(options.env), out: options.out, progress: progress(options) });
      print(options, compareJson(result), () => (result.upToDate ? `no changes: ${result.repository} (${result.branch}) is up to date\n` : formatEnvironments(result.plan.environments, true)));
      if (options.exitCode && !result.upToDate) exitCode = ExitCode.DIFFERENCES;
    });

  common(program.command("verify"), true)
    .description("compare a fresh synth with what is committed in the GitOps repository; exit code 1 with the differing files when they differ")
    .action(async (options: CommonOptions & { env?: string[]; out?: string }) => {
      const { verify } = await import("../release/verify");
      const result = verify({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environments: envList(options.env), out: options.out, progress: progress(options) });
      print(options, compareJson(result), () =>
        result.upToDate
          ? `verified: ${result.repository} (${result.branch}) matches a fresh synth\n`
          : `${result.repository} (${result.branch}) differs from a fresh synth in ${result.plan.files.length} file(s):\n${differingFiles(result, options.verbose)}run "cdktf-gitops diff" for details, "cdktf-gitops publish" to bring the repository in line\n`,
      );
      if (!result.upToDate) exitCode = ExitCode.DIFFERENCES;
    });

  common(program.command("promote"), false)
    .description("copy the pinned digests of apps from one environment's pins to another's (environments/pins/<env>.json in the source repository)")
    .requiredOption("--from <env>", "environment to promote from (its published release must run the pinned digests)")
    .requiredOption("--to <env>", "environment to promote to")
    .option("--app <app...>", "apps to promote (repeat or separate with commas; default: all pinned in --from)")
    .option("--dry-run", "print the changes without writing the pins file")
    .option("--any-source", "promote even when the target environment is promoted from another environment")
    .action(async (options: CommonOptions & { from: string; to: string; app?: string[]; dryRun?: boolean; anySource?: boolean }) => {
      const { promote } = await import("../release/promote");
      const result = promote({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, from: options.from, to: options.to, apps: envList(options.app), dryRun: options.dryRun, anySource: options.anySource, progress: progress(options) });
      print(options, { ok: true, ...result }, () => {
        const lines = result.changes.map((c) => `  ${c.app}: ${c.changed ? `${c.from ?? "(not pinned)"} -> ${c.to}` : `unchanged (${c.to})`}\n`);
        const tail = result.written
          ? `wrote ${result.pinsFile}; commit it and run "cdktf-gitops publish" to release ${result.to}\n`
          : options.dryRun
            ? `dry run: ${result.pinsFile} not written\n`
            : `${result.to} already runs these pins; nothing to change\n`;
        return `promote ${result.from} -> ${result.to}:\n${lines.join("")}${tail}`;
      });
    });

  common(program.command("rollback"), false)
    .description("restore environments/<env>/ in the GitOps repository to an earlier release with a new commit (path-scoped, never a force-push)")
    .requiredOption("--env <env>", "environment to roll back")
    .addOption(new Option("--to <release>", "release id (or GitOps commit hash) to restore").conflicts("steps"))
    .addOption(new Option("--steps <n>", "restore the release n releases back in the environment's history (default 1)").argParser(positiveInt("--steps")))
    .action(async (options: CommonOptions & { env: string; to?: string; steps?: number }) => {
      const { rollback } = await import("../release/rollback");
      const result = rollback({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environment: options.env, to: options.to, steps: options.steps, progress: progress(options) });
      print(options, { ok: true, ...result }, () =>
        result.changed
          ? `rolled ${result.environment} back to release ${result.restored.id} (reverting ${result.reverted.id}) with release ${result.releaseId} as ${result.commit?.slice(0, 12)}: ${result.files.length} file(s) changed\n${options.verbose ? result.files.map((f) => `  ${f.status} ${f.path}\n`).join("") : ""}`
          : `nothing to roll back: ${result.environment} already matches release ${result.restored.id}\n`,
      );
    });

  common(program.command("history"), false)
    .description("list the releases of an environment: id, time, source commit, apps and digests, rollbacks marked")
    .requiredOption("--env <env>", "environment")
    .addOption(new Option("--limit <n>", "only the newest n releases").argParser(positiveInt("--limit")))
    .action(async (options: CommonOptions & { env: string; limit?: number }) => {
      const { history } = await import("../release/history");
      const result = history({ cwd: io.cwd, env: io.env, repo: options.repo, branch: options.branch, environment: options.env, limit: options.limit, progress: progress(options) });
      print(options, { ok: true, ...result }, () =>
        result.releases
          .map((r) => {
            const kind = r.kind === "rollback" ? `rollback to ${r.restores ?? "?"} (reverts ${r.reverts ?? "?"})` : r.removed ? `${r.kind} (removed ${result.environment})` : r.kind;
            const apps = Object.entries(r.apps).map(([app, image]) => `    ${app}  ${image}\n`);
            return `${r.id}  ${r.time}  ${kind}\n    commit ${r.commit.slice(0, 12)}  source ${r.sourceCommit ?? "-"}\n${apps.join("")}`;
          })
          .join(""),
      );
    });

  try {
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.help" || error.code === "commander.version") return ExitCode.OK;
      if (json) io.stdout(`${JSON.stringify({ ok: false, exitCode: ExitCode.BAD_INPUT, error: error.message }, null, 2)}\n`);
      return ExitCode.BAD_INPUT;
    }
    const code = error instanceof ReleaseError ? error.exitCode : ExitCode.INTERNAL;
    const message = error instanceof ReleaseError ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
    if (json) io.stdout(`${JSON.stringify({ ok: false, exitCode: code, error: message }, null, 2)}\n`);
    io.stderr(`${paint(31, "error:")} ${message}\n`);
    return code;
  }
}

function compareJson(result: CompareResult): unknown {
  return {
    ok: true,
    upToDate: result.upToDate,
    repository: result.repository,
    branch: result.branch,
    sourceCommit: result.sourceCommit,
    files: result.plan.files,
    environments: result.plan.environments,
  };
}

/** Files verify lists without --verbose (the first ones; the count says how many more). */
const VERIFY_FILE_LIMIT = 50;

function differingFiles(result: CompareResult, verbose = false): string {
  const line = (f: { status: string; path: string }): string => `  ${f.status === "A" ? "missing  " : f.status === "D" ? "extra    " : "modified "} ${f.path}\n`;
  if (verbose || result.plan.files.length <= VERIFY_FILE_LIMIT) return result.plan.files.map(line).join("");
  const shown = result.plan.files.slice(0, VERIFY_FILE_LIMIT).map(line).join("");
  return `${shown}  ... and ${result.plan.files.length - VERIFY_FILE_LIMIT} more (--verbose lists them all)\n`;
}

/** Counts per environment and the app changes; every file only with --verbose. */
function formatEnvironments(environments: readonly EnvironmentChange[], verbose = false): string {
  return environments
    .map((e) => {
      const files = verbose ? e.files.map((f) => `    ${f.status} ${f.path}\n`).join("") : "";
      const apps = e.apps.map((a) => `    app ${a.app}: ${a.from === a.to ? `${a.files.length} file(s) changed` : `${a.from ?? "(new)"} -> ${a.to ?? "(removed)"}`}\n`).join("");
      return `  ${e.environment}: ${e.files.length} file(s) changed\n${apps}${files}`;
    })
    .join("");
}
