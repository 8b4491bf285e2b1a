import * as fs from "fs";
import * as path from "path";
import { gitBranchProblems } from "../core/git-rules";
import { ExitCode, ReleaseError } from "./errors";
import { redactUrl } from "../core/redaction";
import { Git } from "./git";
import { RepositoryCache } from "./repository-cache";
import { findProjectRoot } from "./source-repository";
import { CorruptCacheError } from "./tree";
import { GitOpsWorkspace } from "./workspace";

export { GitOpsWorkspace } from "./workspace";
export type { FileChange, WorkspaceOptions } from "./workspace";
export type { PushResult } from "./push";

/** Default GitOps repository of a project: a local bare repository created on first use. */
export const DEFAULT_REPOSITORY = ".gitops/repo.git";

/** Options every command that reads or writes the GitOps repository shares. */
export interface RepositoryOptions {
  /** Folder the command runs in; the project is the nearest folder upwards with cdktf.json. @default process.cwd() */
  readonly cwd?: string;
  /** GitOps repository URL or path. @default - `.gitops/repo.git` in the project, created on first use */
  readonly repo?: string;
  /** Branch releases are committed to. @default "main" */
  readonly branch?: string;
  /** Environment variables for git (and the synth child process). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Progress reporter (one line per long step). @default - silent */
  readonly progress?: (message: string) => void;
}

/** Where a command runs: its folder, the project folder and the (validated) branch. */
export interface CommandTarget {
  readonly cwd: string;
  readonly projectDir: string;
  readonly branch: string;
}

/** Resolves the folder, project and branch of a command; an invalid `--branch` is bad input. */
export function resolveTarget(options: RepositoryOptions): CommandTarget {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const branch = options.branch ?? "main";
  const problems = gitBranchProblems("--branch", branch);
  if (problems.length > 0) throw new ReleaseError(problems[0]);
  return { cwd, projectDir: findProjectRoot(cwd), branch };
}

/**
 * Resolves the `--repo` option: undefined gives the project's local bare repository (created with the branch
 * on first use); a URL (`scheme://...`, or git's scp-like `[user@]host:path`, with a colon before any slash) is
 * passed to git as it is; anything else is a path, made absolute.
 */
export function resolveRepository(repo: string | undefined, projectDir: string, branch: string, cwd: string, env: NodeJS.ProcessEnv = process.env): string {
  if (repo === undefined) {
    const dir = path.join(projectDir, DEFAULT_REPOSITORY);
    if (!fs.existsSync(path.join(dir, "HEAD"))) {
      fs.mkdirSync(dir, { recursive: true });
      new Git(dir, env).run(["init", "--quiet", "--bare", `--initial-branch=${branch}`]);
    }
    return dir;
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || (/^[^/\\]+:/.test(repo) && !/^[a-z]:[/\\]/i.test(repo))) return repo;
  return path.resolve(cwd, repo);
}

/**
 * Opens the command's GitOpsWorkspace (its repository's cache at the branch head), runs `use` and disposes of it.
 * A cache that fails a check (`CorruptCacheError`: an object that does not hash to its id, a damaged pack, a
 * deleted folder) is never trusted: it is thrown away, rebuilt from the remote, and `use` runs once more.
 */
export function withWorkspace<T>(options: RepositoryOptions, target: CommandTarget, use: (workspace: GitOpsWorkspace) => T): T {
  const repo = resolveRepository(options.repo, target.projectDir, target.branch, target.cwd, options.env);
  const workspaceOptions = { repo, branch: target.branch, env: options.env, progress: options.progress };
  for (let attempt = 1; ; attempt++) {
    let workspace: GitOpsWorkspace | undefined;
    try {
      workspace = GitOpsWorkspace.open(workspaceOptions);
      return use(workspace);
    } catch (error) {
      if (!(error instanceof CorruptCacheError)) throw error;
      if (attempt > 1) {
        throw new ReleaseError(
          `the repository cache of ${redactUrl(repo)} failed a check right after it was rebuilt (${error.message}); the gitops repository itself may be damaged - run "git fsck" on it`,
          ExitCode.REPOSITORY,
        );
      }
      RepositoryCache.discard(workspaceOptions, error.message);
    } finally {
      workspace?.dispose();
    }
  }
}

/**
 * Opens the command's GitOpsWorkspace (creating the project's local repository on first use); the caller
 * disposes of it. Prefer `withWorkspace`, which also rebuilds a damaged cache.
 */
export function openWorkspace(options: RepositoryOptions, target: CommandTarget): GitOpsWorkspace {
  const repo = resolveRepository(options.repo, target.projectDir, target.branch, target.cwd, options.env);
  return GitOpsWorkspace.open({ repo, branch: target.branch, env: options.env, progress: options.progress });
}
