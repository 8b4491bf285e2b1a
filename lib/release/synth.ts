import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ExitCode, ReleaseError } from "./errors";

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
 * Runs the cdktf app command from cdktf.json with CDKTF_OUTDIR set, as a child process without a shell (no
 * terraform binary or cdktf-cli needed). Throws a `ReleaseError` (exit code 4) with the app's output on failure.
 */
export function synthesize(options: SynthesizeOptions): void {
  const [program, ...args] = appCommand(options.projectDir);
  fs.mkdirSync(options.outDir, { recursive: true });
  const result = spawnSync(program, args, {
    cwd: options.projectDir,
    // CHECKPOINT_DISABLE: no call to HashiCorp's version check service from cdktf (an error message without network).
    env: { CHECKPOINT_DISABLE: "1", ...(options.env ?? process.env), CDKTF_OUTDIR: options.outDir },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (result.error) {
    throw new ReleaseError(`synthesis could not start "${program}" (${result.error.message}); check the "app" command in cdktf.json`, ExitCode.SYNTH);
  }
  if (result.status !== 0) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-30).join("\n");
    throw new ReleaseError(`synthesis failed (exit status ${result.status ?? result.signal}); fix the app and run again:\n${output}`, ExitCode.SYNTH);
  }
  if (!fs.existsSync(path.join(options.outDir, "manifest.json"))) {
    throw new ReleaseError(`synthesis wrote no manifest.json to ${options.outDir}; the app must call app.synth()`, ExitCode.SYNTH);
  }
}
