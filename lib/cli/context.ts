import type { Command } from "commander";
import { ReleaseError } from "../release/errors";

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

/** Options every release command takes. */
export interface CommonOptions {
  repo?: string;
  branch: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

/** Options of the commands that synthesize (or read `--out`). */
export interface SynthOptions extends CommonOptions {
  env?: string[];
  out?: string;
}

/** What a command's registration gets: the io, output helpers, and a way to set the exit code. */
export interface CliContext {
  readonly io: CliIo;
  /** Wraps text in an ANSI colour when standard error is a colour terminal. */
  readonly paint: (code: number, text: string) => string;
  /** Progress messages on standard error, silent with `--quiet`. */
  readonly progress: (options: CommonOptions) => (message: string) => void;
  /** A warning on standard error. */
  readonly warn: (message: string) => void;
  /** Prints `value` as JSON with `--json`, else `text()` unless `--quiet`. */
  readonly print: (options: CommonOptions, value: unknown, text: () => string) => void;
  /** Sets the exit code the command line ends with (when nothing throws). */
  readonly setExitCode: (code: number) => void;
}

/** Adds the options every release command takes, and `--env` / `--out` for the commands that synthesize. */
export function withCommonOptions(command: Command, withSynth: boolean): Command {
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
}

/** A repeatable, comma-separable list option as a clean list (undefined when not given). */
export function listOption(value: string[] | undefined): string[] | undefined {
  return value === undefined ? undefined : value.flatMap((v) => v.split(",")).map((v) => v.trim()).filter(Boolean);
}

/** An argument parser for a whole number of 1 or more. */
export function positiveInt(name: string): (value: string) => number {
  return (value: string): number => {
    if (!/^\d+$/.test(value) || Number(value) < 1) throw new ReleaseError(`${name} ${value} is not valid; use a whole number of 1 or more`);
    return Number(value);
  };
}
