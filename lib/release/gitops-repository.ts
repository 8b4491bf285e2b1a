import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { gitBranchProblems } from "../core/git-rules";
import { ExitCode, ReleaseError } from "./errors";
import { redactUrl } from "../core/redaction";
import { Git } from "./git";
import { compareStrings, findProjectRoot } from "./source";
import { ENVIRONMENTS_FOLDER } from "../core/gitops-layout";

/** Default GitOps repository of a project: a local bare repository created on first use. */
export const DEFAULT_REPOSITORY = ".gitops/repo.git";

/** Options of `GitOpsWorkspace.open`. */
export interface WorkspaceOptions {
  /** URL or path of the GitOps repository. */
  readonly repo: string;
  /** Branch releases are committed to. */
  readonly branch: string;
  /** Environment for git. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Progress reporter. @default - silent */
  readonly progress?: (message: string) => void;
}

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

/** Opens a temporary clone of the command's GitOps repository (creating the project's local one on first use). */
export function openWorkspace(options: RepositoryOptions, target: CommandTarget): GitOpsWorkspace {
  const repo = resolveRepository(options.repo, target.projectDir, target.branch, target.cwd, options.env);
  return GitOpsWorkspace.open({ repo, branch: target.branch, env: options.env, progress: options.progress });
}

/** git's `fatal:` / `error:` lines of a failed command (or its last line), joined into one line. */
function gitErrorLines(stderr: string): string {
  const lines = stderr.split("\n").map((l) => l.trim()).filter(Boolean);
  const errors = lines.filter((l) => /^(fatal|error):/.test(l));
  return (errors.length > 0 ? errors : lines.slice(-1)).join("; ");
}

/** Result of a push. */
export type PushResult = "pushed" | "rejected";

/** A staged change of one file: git status letter (A, M, D) and path. */
export interface FileChange {
  readonly status: "A" | "M" | "D";
  readonly path: string;
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
 * A temporary clone of the GitOps repository. Every change is made here; `push` is the only step that changes
 * the remote, so an interrupted command leaves the repository as it was. Call `dispose` when done.
 */
export class GitOpsWorkspace {
  /** Opens a workspace: a temporary repository that fetched the branch (or starts it when the remote lacks it). */
  public static open(options: WorkspaceOptions): GitOpsWorkspace {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-gitops-"));
    try {
      const workspace = new GitOpsWorkspace(dir, options);
      workspace.init();
      return workspace;
    } catch (e) {
      fs.rmSync(dir, { recursive: true, force: true });
      throw e;
    }
  }

  /** The git runner of the temporary clone. */
  public readonly git: Git;
  /** Branch the workspace tracks. */
  public readonly branch: string;
  /** The repository as given (credentials removed), for messages. */
  public readonly displayRepo: string;
  private readonly progress: (message: string) => void;
  private branchExists = false;

  private constructor(
    public readonly dir: string,
    private readonly options: WorkspaceOptions,
  ) {
    this.git = new Git(dir, options.env ?? process.env);
    this.branch = options.branch;
    this.displayRepo = redactUrl(options.repo);
    this.progress = options.progress ?? (() => undefined);
  }

  /** True when the remote branch existed at the last fetch (false for an empty repository). */
  public get hasHistory(): boolean {
    return this.branchExists;
  }

  private init(): void {
    this.git.run(["init", "--quiet"]);
    this.git.run(["config", "core.autocrlf", "false"]);
    this.git.run(["config", "core.quotepath", "off"]);
    this.git.run(["remote", "add", "origin", this.options.repo]);
    this.git.run(["symbolic-ref", "HEAD", `refs/heads/${this.branch}`]);
    this.refresh();
  }

  /** Fetches the branch and resets the workspace to it (or to an empty tree when the remote lacks it). */
  public refresh(): void {
    this.progress(`fetching ${this.branch} from ${this.displayRepo}`);
    const ls = this.git.run(["ls-remote", "--heads", "origin", `refs/heads/${this.branch}`], { allowFailure: true });
    if (ls.status !== 0) {
      throw new ReleaseError(
        `gitops repository ${this.displayRepo} is not reachable: ${gitErrorLines(ls.stderr)}; check --repo, the network and your credentials`,
        ExitCode.REPOSITORY,
      );
    }
    this.branchExists = ls.stdout.trim().length > 0;
    if (this.branchExists) {
      this.git.run(["fetch", "--quiet", "--no-tags", "origin", `+refs/heads/${this.branch}:refs/remotes/origin/${this.branch}`]);
      this.git.run(["reset", "--quiet", "--hard", `refs/remotes/origin/${this.branch}`]);
    } else {
      this.git.run(["update-ref", "-d", `refs/heads/${this.branch}`], { allowFailure: true });
      this.git.run(["read-tree", "--empty"]);
    }
    this.git.run(["clean", "--quiet", "-fdx"]);
  }

  /** Commit hash of HEAD, or undefined before the first commit. */
  public head(): string | undefined {
    const result = this.git.run(["rev-parse", "--verify", "-q", "HEAD"], { allowFailure: true });
    return result.status === 0 ? result.stdout.trim() : undefined;
  }

  /** Text of a file in the work tree, or undefined. */
  public readFile(file: string): string | undefined {
    const full = path.join(this.dir, file);
    return fs.existsSync(full) ? fs.readFileSync(full, "utf8") : undefined;
  }

  /** Text of a file at a commit, or undefined when the commit lacks it. */
  public readFileAt(commit: string, file: string): string | undefined {
    const result = this.git.run(["show", `${commit}:${file}`], { allowFailure: true });
    return result.status === 0 ? result.stdout : undefined;
  }

  /** Tracked files under a folder (with trailing slash), or every tracked file. */
  public trackedFiles(prefix = ""): string[] {
    const out = this.git.text(["ls-files", "-z", "--", ...(prefix ? [prefix] : [])]);
    return out.split("\0").filter(Boolean).sort(compareStrings);
  }

  /** Environment folders present in the work tree. */
  public environments(): string[] {
    const root = path.join(this.dir, ENVIRONMENTS_FOLDER);
    if (!fs.existsSync(root)) return [];
    return fs
      .readdirSync(root, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort(compareStrings);
  }

  /**
   * Replaces the content of the scope folders with `files` (deleting files no longer produced) and stages
   * the result. Files outside the scope are never touched.
   */
  public replace(scope: readonly string[], files: ReadonlyMap<string, Buffer>): void {
    for (const folder of scope) {
      this.git.run(["rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", folder]);
      fs.rmSync(path.join(this.dir, folder), { recursive: true, force: true });
    }
    for (const [file, content] of files) {
      const target = path.join(this.dir, file);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, content);
    }
    const existing = scope.filter((folder) => fs.existsSync(path.join(this.dir, folder)));
    if (existing.length > 0) this.git.run(["add", "-A", "--", ...existing]);
  }

  /** Restores a folder to its content at a commit (path-scoped: nothing outside the folder changes) and stages it. */
  public restoreFolder(folder: string, commit: string): void {
    this.git.run(["rm", "-r", "-q", "--cached", "--ignore-unmatch", "--", folder]);
    fs.rmSync(path.join(this.dir, folder), { recursive: true, force: true });
    this.git.run(["checkout", commit, "--", folder]);
  }

  /** Staged changes against HEAD, sorted by path. */
  public stagedChanges(): FileChange[] {
    const base = this.head() ?? "4b825dc642cb6eb9a060e54bf8d69288fbee4904"; // the empty tree
    const out = this.git.text(["diff", "--cached", "--no-renames", "--name-status", "-z", base]);
    const parts = out.split("\0").filter(Boolean);
    const changes: FileChange[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) changes.push({ status: parts[i] as FileChange["status"], path: parts[i + 1] });
    return changes.sort((a, b) => compareStrings(a.path, b.path));
  }

  /** Hash of the staged tree. */
  public stagedTree(): string {
    return this.git.text(["write-tree"]);
  }

  /** Commits the staged changes with a message; uses a fallback identity when none is configured. */
  public commit(message: string): string {
    this.git.run(["commit", "--quiet", "--no-verify", "--no-gpg-sign", "-F", "-"], { input: message, env: this.git.identityEnv() });
    return this.git.text(["rev-parse", "HEAD"]);
  }

  /**
   * Pushes HEAD to the branch. Returns "rejected" when the remote moved on (fetch, re-apply and retry);
   * throws a `ReleaseError` naming the way out for any other failure. Never force-pushes.
   */
  public push(): PushResult {
    this.progress(`pushing to ${this.displayRepo} (${this.branch})`);
    const result = this.git.run(["push", "--porcelain", "origin", `HEAD:refs/heads/${this.branch}`], { allowFailure: true });
    if (result.status === 0) return "pushed";
    const text = `${result.stdout}\n${result.stderr}`;
    // the branch moved on (or a concurrent push holds its lock): fetch, re-apply and retry
    if (/non-fast-forward|fetch first|stale info|cannot lock ref|failed to update ref|incorrect old value|reference already exists/i.test(text) && !/hook declined/i.test(text)) {
      return "rejected";
    }
    const reason = text
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("To ") && l !== "Done")
      .join("; ");
    throw new ReleaseError(
      `push to ${this.displayRepo} (${this.branch}) failed: ${reason}; nothing was changed in the repository - check write access and branch protection, then run the command again`,
      ExitCode.REPOSITORY,
    );
  }

  /**
   * After a push was rejected because the branch moved on: throws (exit code 3, "run <command> again") once
   * `attempt` reached `maxAttempts`; otherwise waits a short random back-off and fetches the new branch head,
   * so the caller re-applies its change on top.
   */
  public retryAfterRejection(command: string, attempt: number, maxAttempts: number): void {
    if (attempt >= maxAttempts) {
      throw new ReleaseError(
        `push to ${this.displayRepo} (${this.branch}) was rejected ${attempt} times because the branch kept moving; nothing of this ${command} was pushed - run ${command} again`,
        ExitCode.REPOSITORY,
      );
    }
    this.progress(`push rejected: ${this.branch} moved on; fetching and re-applying the ${command === "publish" ? "release" : command} (attempt ${attempt + 1} of ${maxAttempts})`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100 * attempt + Math.floor(Math.random() * 200));
    this.refresh();
  }

  /** Removes the temporary clone. */
  public dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
