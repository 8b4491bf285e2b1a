import { spawnSync } from "child_process";
import { redactUrl } from "../core/redaction";
import { ExitCode, ReleaseError } from "./errors";

/** The identity used for commits when neither the environment nor git config names one. */
export const FALLBACK_IDENTITY = { name: "cdktf-gitops", email: "cdktf-gitops@localhost" } as const;

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
  /** Text fed to standard input. @default - none */
  readonly input?: string;
  /** Extra environment variables. @default - none */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs the real `git` program in one directory, without a shell: arguments are passed as an array, so no
 * value is ever interpreted by a shell. Prompts are disabled so an unreachable remote fails instead of waiting.
 */
export class Git {
  constructor(
    public readonly dir: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Runs `git <args>` and returns its output; throws a `ReleaseError` naming the command on failure. */
  public run(args: readonly string[], options: GitRunOptions = {}): GitResult {
    const result = spawnSync("git", [...args], {
      cwd: this.dir,
      env: { ...this.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C", ...options.env },
      input: options.input,
      encoding: "utf8",
      maxBuffer: 1024 * 1024 * 1024,
    });
    if (result.error) {
      throw new ReleaseError(`could not run git (${result.error.message}); install git and put it on PATH`, ExitCode.REPOSITORY);
    }
    const out: GitResult = { status: result.status ?? 128, stdout: result.stdout, stderr: result.stderr };
    if (out.status !== 0 && !options.allowFailure) {
      const command = args.map(redactUrl).join(" ");
      throw new ReleaseError(`git ${command} failed in ${this.dir}: ${out.stderr.trim() || (result.signal ? `killed by ${result.signal}` : `exit status ${out.status}`)}`, ExitCode.REPOSITORY);
    }
    return out;
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
   */
  public identityEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    const name = this.config("user.name");
    const email = this.config("user.email");
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
}

