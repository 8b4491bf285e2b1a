import * as fs from "fs";
import * as path from "path";
import { ExitCode, ReleaseError } from "./errors";
import { runGuarded } from "./guarded-process";
import { synthNodeOptions } from "./synth-node-options";

/** Options of `synthesize`. */
export interface SynthesizeOptions {
  /** The project folder holding cdktf.json. */
  readonly projectDir: string;
  /** Folder to synthesize into (set as CDKTF_OUTDIR). */
  readonly outDir: string;
  /** Environment of the child process. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Splits a command line into words: whitespace separates, single and double quotes group, backslash escapes.
 * The words are run without a shell, so nothing in them is expanded.
 */
export function splitCommand(command: string): string[] {
  const words: string[] = [];
  let current = "";
  let inWord = false;
  let quote: string | undefined;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < command.length) current += command[++i];
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === "\\" && i + 1 < command.length) {
      current += command[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = "";
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (quote) throw new ReleaseError(`cdktf.json: app command ${JSON.stringify(command)} has an unclosed quote; close it`);
  if (inWord) words.push(current);
  return words;
}

/** The app command of `<projectDir>/cdktf.json`. */
export function appCommand(projectDir: string): string[] {
  const file = path.join(projectDir, "cdktf.json");
  if (!fs.existsSync(file)) {
    throw new ReleaseError(`no cdktf.json in ${projectDir}; run the command in a cdktf project or pass --out <cdktf.out folder>`);
  }
  let config: { app?: unknown };
  try {
    config = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new ReleaseError(`${file}: is not valid JSON (${(e as Error).message}); fix the file`);
  }
  if (typeof config.app !== "string" || !config.app.trim()) {
    throw new ReleaseError(`${file}: has no "app" command; set "app" to the command that synthesizes the app, such as "node -r ./register.js main.ts"`);
  }
  return splitCommand(config.app);
}

/**
 * Whether `program` can be started from `cwd` with this environment's PATH (a name with a slash is a path). On
 * Windows, where PATHEXT decides, always true: the watchdog reports a program it cannot start by exit status.
 */
function canStart(program: string, cwd: string, env: NodeJS.ProcessEnv): boolean {
  if (process.platform === "win32") return true;
  const candidates = program.includes("/") ? [path.resolve(cwd, program)] : (env.PATH ?? "").split(path.delimiter).map((dir) => path.resolve(cwd, dir, program));
  return candidates.some((file) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * Runs the cdktf app command from cdktf.json with CDKTF_OUTDIR set, as a child process without a shell (no
 * terraform binary or cdktf-cli needed), under the watchdog of guarded-process.ts: an app never goes on running
 * (and writing into a removed run folder) after the command was killed. Throws a `ReleaseError` (exit code 4)
 * with the app's output on failure.
 */
export function synthesize(options: SynthesizeOptions): void {
  const [program, ...args] = appCommand(options.projectDir);
  // CHECKPOINT_DISABLE: no call to HashiCorp's version check service from cdktf (an error message without network).
  const given = options.env ?? process.env;
  // NODE_OPTIONS: a V8 thread pool that leaves the synth's main thread a core (see synthNodeOptions)
  const nodeOptions = synthNodeOptions(given.NODE_OPTIONS);
  const env = { CHECKPOINT_DISABLE: "1", ...given, CDKTF_OUTDIR: options.outDir, ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }) };
  if (!canStart(program, options.projectDir, env)) {
    throw new ReleaseError(`synthesis could not start "${program}" (not found, or not executable); check the "app" command in cdktf.json`, ExitCode.SYNTH);
  }
  fs.mkdirSync(options.outDir, { recursive: true });
  const result = runGuarded(program, args, { cwd: options.projectDir, env, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, stdio: ["ignore", "pipe", "pipe"] }, true);
  if (result.error) {
    throw new ReleaseError(`synthesis could not start "${program}" (${result.error.message}); check the "app" command in cdktf.json`, ExitCode.SYNTH);
  }
  if (result.status !== 0) {
    const output = synthOutput(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new ReleaseError(`synthesis failed (exit status ${result.status ?? result.signal}); fix the app and run again:\n${output}`, ExitCode.SYNTH);
  }
  if (!fs.existsSync(path.join(options.outDir, "manifest.json"))) {
    throw new ReleaseError(`synthesis wrote no manifest.json to ${options.outDir}; the app must call app.synth()`, ExitCode.SYNTH);
  }
}

/** Lines of a failed synthesis shown in full up to this many; longer output keeps its head and its tail. */
const MAX_SYNTH_OUTPUT_LINES = 400;

/**
 * The app's output for the error message: all of it (a validation error lists every problem under its header,
 * so cutting it loses the header and the first problems); very long output keeps the first and last lines.
 */
export function synthOutput(text: string): string {
  const lines = text.trim().split("\n");
  if (lines.length <= MAX_SYNTH_OUTPUT_LINES) return lines.join("\n");
  const half = MAX_SYNTH_OUTPUT_LINES / 2;
  return [...lines.slice(0, half), `... (${lines.length - MAX_SYNTH_OUTPUT_LINES} lines left out) ...`, ...lines.slice(-half)].join("\n");
}
