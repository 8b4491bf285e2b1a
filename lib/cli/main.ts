import { Command, CommanderError } from "commander";
import { redactUrlsIn } from "../core/redaction";
import { ExitCode, ReleaseError } from "../release/errors";
import { CliContext, CliIo, CommonOptions } from "./context";
import { registerDiff } from "./diff-command";
import { registerHistory } from "./history-command";
import { registerGraph } from "./graph-command";
import { registerInit } from "./init-command";
import { registerPolicy } from "./policy-command";
import { registerPromote } from "./promote-command";
import { registerPublish } from "./publish-command";
import { registerRollback } from "./rollback-command";
import { registerStatus } from "./status-command";
import { registerVerify } from "./verify-command";
import { registerChangedStacks } from "./changed-stacks-command";
import { registerPipelines } from "./pipelines-command";
import { registerPrComment } from "./pr-comment-command";
import { registerStacks } from "./stacks-command";
import { registerSynth } from "./synth-command";

export type { CliIo } from "./context";

/** The commands, in the order `--help` lists them. Each file registers one command. */
const COMMANDS: readonly ((program: Command, cli: CliContext) => void)[] = [
  registerPublish,
  registerDiff,
  registerVerify,
  registerPromote,
  registerRollback,
  registerHistory,
  registerStatus,
  registerGraph,
  registerPolicy,
  registerInit,
  registerSynth,
  registerChangedStacks,
  registerStacks,
  registerPrComment,
  registerPipelines,
];

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
  let exitCode: number = ExitCode.OK;
  const cli = cliContext(io, (code) => (exitCode = code));
  const json = argv.includes("--json");
  const program = new Command("cdktf-gitops");
  program
    .description("Publish synthesized cdktf output to a GitOps repository; promote, roll back and audit releases with git.")
    .exitOverride()
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (t) => io.stdout(t), writeErr: (t) => io.stderr(t), outputError: (t, write) => write(cli.paint(31, t)) })
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 verify/diff found differences or policy found blocking findings, 2 bad input, 3 repository problem\n(unreachable, push rejected or failed), 4 synthesis failed, 5 internal error.",
    );
  for (const register of COMMANDS) register(program, cli);

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
    // a URL in any message (git's own errors included) loses its credentials before it is printed
    const message = redactUrlsIn(error instanceof ReleaseError ? error.message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    if (json) io.stdout(`${JSON.stringify({ ok: false, exitCode: code, error: message }, null, 2)}\n`);
    io.stderr(`${cli.paint(31, "error:")} ${message}\n`);
    return code;
  }
}

function cliContext(io: CliIo, setExitCode: (code: number) => void): CliContext {
  const color = io.stderrIsTTY && !io.env.NO_COLOR && io.env.TERM !== "dumb";
  const paint = (code: number, text: string): string => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
  return {
    io,
    paint,
    setExitCode,
    progress: (options: CommonOptions) => (message: string) => {
      if (!options.quiet) io.stderr(`${paint(2, "cdktf-gitops:")} ${message}\n`);
    },
    warn: (message: string): void => io.stderr(`${paint(33, "warning:")} ${message}\n`),
    // -q: nothing on success but --json output (warnings and errors still go to stderr)
    print: (options: CommonOptions, value: unknown, text: () => string): void => {
      if (options.json) io.stdout(`${JSON.stringify(value, null, 2)}\n`);
      else if (!options.quiet) io.stdout(text());
    },
  };
}
