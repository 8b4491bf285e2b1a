import { spawnSync } from "child_process";
import { redactUrl, redactUrlsIn } from "../core/redaction";
import { ExitCode, ReleaseError } from "./errors";

/** The identity used for commits when neither the environment nor git config names one. */
export const FALLBACK_IDENTITY = { name: "cdktf-gitops", email: "cdktf-gitops@localhost" } as const;

/**
 * Settings given to every git the library runs. Automatic gc / maintenance is off: git would otherwise start
 * a detached `git gc --auto` after a large commit or fetch, which outlives the command and races the removal
 * of its folders (the ENOTEMPTY failure of a 1,000-app publish). The cache is maintained in the foreground.
 */
const FIXED_CONFIG = ["-c", "gc.auto=0", "-c", "gc.autoDetach=false", "-c", "maintenance.auto=false", "-c", "core.quotepath=off"];

/** The config keys of a commit's identity, as a `git config --get-regexp` pattern. */
export const USER_CONFIG = "^user\\.(name|email)$";

/** Result of a git invocation. */
export interface GitResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of a git invocation. */
export interface GitRunOptions {
  /** Do not throw on a non-zero exit status. @default false */
  readonly allowFailure?: boolean;
  /** Text or bytes fed to standard input. @default - none */
  readonly input?: string | Buffer;
  /** Extra environment variables. @default - none */
  readonly env?: NodeJS.ProcessEnv;
}

/** Options of a `Git` runner. */
export interface GitOptions {
  /**
   * Config given through the environment (`GIT_CONFIG_COUNT`), not the command line, so values such as a
   * repository URL with a token are neither stored in a config file nor visible in the process list.
   * @default - none
   */
  readonly config?: Readonly<Record<string, string>>;
  /** Turns a failure into an error; the default throws a `ReleaseError` (exit code 3). @default - ReleaseError */
  readonly onFailure?: (message: string, stderr: string) => Error;
}

/**
 * Runs the real `git` program in one directory, without a shell: arguments are passed as an array, so no
 * value is ever interpreted by a shell. Prompts are disabled so an unreachable remote fails instead of waiting.
 */
export class Git {
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    public readonly dir: string,
    env: NodeJS.ProcessEnv = process.env,
    private readonly options: GitOptions = {},
  ) {
    this.env = { ...env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...configEnv(env, options.config ?? {}) };
  }

  /** The environment every invocation gets (with the config entries), for child processes that run git. */
  public get environment(): NodeJS.ProcessEnv {
    return this.env;
  }

  /** Runs `git <args>` and returns its output; throws a `ReleaseError` naming the command on failure. */
  public run(args: readonly string[], options: GitRunOptions = {}): GitResult {
    const result = this.spawn(args, options, "utf8");
    return { status: result.status, stdout: result.stdout.toString(), stderr: result.stderr };
  }

  /** Runs git and returns its standard output as bytes (for blob contents). */
  public runBuffer(args: readonly string[], options: GitRunOptions = {}): Buffer {
    return this.spawn(args, options, "buffer").stdout as Buffer;
  }

  /** Runs git and returns its standard output without the trailing newline. */
  public text(args: readonly string[], options: GitRunOptions = {}): string {
    return this.run(args, options).stdout.replace(/\n$/, "");
  }

  /** A config value, or undefined when unset. */
  public config(key: string): string | undefined {
    const result = this.run(["config", "--get", key], { allowFailure: true });
    return result.status === 0 ? result.stdout.trim() || undefined : undefined;
  }

  /**
   * Environment variables that give commits an identity when none is configured: the environment's
   * GIT_AUTHOR_* / GIT_COMMITTER_* and git config win; `cdktf-gitops <cdktf-gitops@localhost>` is the fallback.
   * `configured`: the output of `git config --get-regexp` for `user.name` / `user.email`, when already read.
   */
  public identityEnv(configured: string = this.run(["config", "--get-regexp", USER_CONFIG], { allowFailure: true }).stdout): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    const name = /^user\.name \S/m.test(configured);
    const email = /^user\.email \S/m.test(configured);
    if (!name) {
      if (!this.env.GIT_AUTHOR_NAME) env.GIT_AUTHOR_NAME = FALLBACK_IDENTITY.name;
      if (!this.env.GIT_COMMITTER_NAME) env.GIT_COMMITTER_NAME = FALLBACK_IDENTITY.name;
    }
    if (!email) {
      if (!this.env.GIT_AUTHOR_EMAIL) env.GIT_AUTHOR_EMAIL = FALLBACK_IDENTITY.email;
      if (!this.env.GIT_COMMITTER_EMAIL) env.GIT_COMMITTER_EMAIL = FALLBACK_IDENTITY.email;
    }
    return env;
  }

  private spawn(args: readonly string[], options: GitRunOptions, encoding: "utf8" | "buffer"): { status: number; stdout: string | Buffer; stderr: string } {
    const result = spawnSync("git", [...FIXED_CONFIG, ...args], {
      cwd: this.dir,
      env: { ...this.env, ...options.env },
      input: options.input,
      encoding: encoding === "utf8" ? "utf8" : undefined,
      maxBuffer: 1024 * 1024 * 1024,
    });
    if (result.error) {
      throw new ReleaseError(`could not run git (${result.error.message}); install git and put it on PATH`, ExitCode.REPOSITORY);
    }
    const status = result.status ?? 128;
    const stderr = result.stderr.toString();
    if (status !== 0 && !options.allowFailure) {
      const command = args.map(redactUrl).join(" ");
      const message = `git ${command} failed in ${this.dir}: ${redactUrlsIn(stderr.trim()) || (result.signal ? `killed by ${result.signal}` : `exit status ${status}`)}`;
      throw this.options.onFailure ? this.options.onFailure(message, stderr) : new ReleaseError(message, ExitCode.REPOSITORY);
    }
    return { status, stdout: result.stdout, stderr };
  }
}

/** `GIT_CONFIG_COUNT` / `GIT_CONFIG_KEY_n` / `GIT_CONFIG_VALUE_n` for config entries, after any the caller set. */
function configEnv(base: NodeJS.ProcessEnv, config: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const entries = Object.entries(config);
  if (entries.length === 0) return {};
  const first = Number(base.GIT_CONFIG_COUNT ?? 0) || 0;
  const env: NodeJS.ProcessEnv = { GIT_CONFIG_COUNT: String(first + entries.length) };
  entries.forEach(([key, value], i) => {
    env[`GIT_CONFIG_KEY_${first + i}`] = key;
    env[`GIT_CONFIG_VALUE_${first + i}`] = value;
  });
  return env;
}

