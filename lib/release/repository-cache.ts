import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { acquireLock } from "./cache-lock";
import { ExitCode, ReleaseError } from "./errors";
import { redactUrl, redactUrlsIn } from "../core/redaction";
import { Git, USER_CONFIG } from "./git";
import { CorruptCacheError } from "./tree";

/** Bumped when the cache's layout changes: a cache of another version is rebuilt. */
const CACHE_VERSION = "1";
/** Packs and loose objects the cache may collect before it is repacked (in the foreground). */
const MAX_PACKS = 16;
const MAX_LOOSE_OBJECTS = 2000;
/** What git says when an object or the repository itself is damaged (as opposed to a network problem). */
const CORRUPTION = /corrupt|bad object|bad tree|bad commit|unable to read|missing (blob|tree|commit|object)|not a git repository|loose object|packfile|inflate|did not receive expected object|could not parse|broken link|not a tree object|not a valid object|invalid object|unable to parse/i;

/** Options of `RepositoryCache.open`. */
export interface CacheOptions {
  /** URL or path of the GitOps repository (credentials stay in memory: never written to the cache's config). */
  readonly repo: string;
  /** Branch releases are committed to. */
  readonly branch: string;
  /** Environment for git. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
  /** Progress reporter. @default - silent */
  readonly progress?: (message: string) => void;
}

/**
 * Folder of the caches: `$CDKTF_GITOPS_CACHE`, else `$XDG_CACHE_HOME/cdktf-gitops`, else `~/.cache/cdktf-gitops`.
 * Keep it between CI runs (as a cache of the pipeline) to make every command fetch only what is new.
 */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CDKTF_GITOPS_CACHE) return path.resolve(env.CDKTF_GITOPS_CACHE);
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), ".cache");
  return path.join(base, "cdktf-gitops");
}

/** The cache folder of a repository: named after it (credentials removed) and a hash of its URL. */
function cachePath(options: CacheOptions): string {
  const root = cacheRoot(options.env);
  try {
    fs.mkdirSync(root, { recursive: true });
  } catch (error) {
    throw new ReleaseError(
      `cannot create the repository cache folder ${root} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); set CDKTF_GITOPS_CACHE to a writable folder`,
      ExitCode.REPOSITORY,
    );
  }
  const display = redactUrl(options.repo);
  const name = path.basename(display.replace(/[/\\]+$/, "")).replace(/[^A-Za-z0-9._-]/g, "_").slice(0, 40);
  const key = createHash("sha256").update(display).digest("hex").slice(0, 16);
  return path.join(root, `${name}-${key}`);
}

/** Moves a folder aside, then deletes it, so a half-deleted cache is never mistaken for one. */
function removeFolder(dir: string): void {
  if (!fs.existsSync(dir)) return;
  const aside = `${dir}.old-${process.pid}-${Date.now()}`;
  fs.renameSync(dir, aside);
  fs.rmSync(aside, { recursive: true, force: true });
}

/** True for a repository on this machine (a path or file:// URL), where a blob-less clone gains nothing. */
export function isLocalRepository(repo: string): boolean {
  return /^file:\/\//i.test(repo) || !(/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || (/^[^/\\]+:/.test(repo) && !/^[a-z]:[/\\]/i.test(repo)));
}

/**
 * A persistent bare mirror of one branch of a GitOps repository, kept between commands. It is only a cache:
 * everything read from it is checked against the remote's branch head (see `BaseTree`), a cache that
 * fails a check is rebuilt, and the push is the only step that changes the remote. Remote repositories are
 * cloned blob-less (`--filter=blob:none`): history and tree comparisons need no file contents, and the few
 * blobs a command reads are fetched on demand.
 */
export class RepositoryCache {
  /** Opens (creating or rebuilding when needed) the cache of a repository and fetches the branch head. */
  public static open(options: CacheOptions): RepositoryCache {
    const cache = new RepositoryCache(cachePath(options), options);
    cache.refresh();
    return cache;
  }

  /** Deletes the cache of a repository (after a `CorruptCacheError`), so the next `open` builds it afresh. */
  public static discard(options: CacheOptions, reason: string): void {
    const dir = cachePath(options);
    const summary = reason.replace(/\s*\n\s*/g, "; ").slice(0, 300);
    options.progress?.(`the repository cache ${dir} failed a check (${summary}); rebuilding it`);
    const lock = acquireLock(`${dir}.lock`, { progress: options.progress });
    try {
      removeFolder(dir);
    } finally {
      lock.release();
    }
  }

  /** The git runner of the cache; failures that look like damage raise `CorruptCacheError`. */
  public readonly git: Git;
  /** The repository as given, credentials removed, for messages. */
  public readonly displayRepo: string;
  private readonly progress: (message: string) => void;
  private tipCommit: string | undefined;
  /** `user.name` / `user.email` lines of git config, read with the cache's own settings (undefined: not read). */
  private userConfig: string | undefined;

  private constructor(
    public readonly dir: string,
    private readonly options: CacheOptions,
  ) {
    this.displayRepo = redactUrl(options.repo);
    this.progress = options.progress ?? (() => undefined);
    this.git = new Git(dir, options.env ?? process.env, {
      config: { "remote.origin.url": options.repo },
      onFailure: (message, stderr) => (CORRUPTION.test(stderr) ? new CorruptCacheError(message) : new ReleaseError(message, ExitCode.REPOSITORY)),
    });
  }

  /** The branch head at the last fetch; undefined when the remote has no such branch (an empty repository). */
  public get tip(): string | undefined {
    return this.tipCommit;
  }

  /** The environment that gives the cache's commits an identity (see `Git.identityEnv`). */
  public identityEnv(): NodeJS.ProcessEnv {
    return this.git.identityEnv(this.userConfig);
  }

  /** The ref the cache keeps the fetched head in. */
  public get trackingRef(): string {
    return `refs/remotes/origin/${this.options.branch}`;
  }

  /**
   * Asks the remote for the branch head and fetches it unless the cache has it already (so a command costs
   * one round trip when nothing changed). Holds the cache's lock meanwhile.
   */
  public refresh(): void {
    const lock = acquireLock(`${this.dir}.lock`, { progress: this.progress });
    try {
      if (!this.isUsable()) this.create();
      this.progress(`fetching ${this.options.branch} from ${this.displayRepo}`);
      const head = this.remoteHead();
      this.tipCommit = head;
      if (head === undefined) {
        this.git.run(["update-ref", "-d", this.trackingRef], { allowFailure: true });
      } else if (this.trackedHead() !== head) {
        // fetch only what the cache lacks; a head it already holds (pushed from here) just moves the ref
        if (this.git.run(["cat-file", "-e", `${head}^{commit}`], { allowFailure: true }).status === 0) this.git.run(["update-ref", this.trackingRef, head]);
        else this.fetch();
        // the branch may have moved on between ls-remote and fetch: the fetched head is the one to build on
        this.tipCommit = this.git.text(["rev-parse", "--verify", `${this.trackingRef}^{commit}`]);
      }
      this.maintain();
    } finally {
      lock.release();
    }
  }

  /**
   * The commit the tracking ref names: read from its file (the cache's refs are loose: nothing packs them, and
   * a git process less counts in every command), or with git when there is no such file (packed). A file that
   * holds no object id is a damaged cache, which is rebuilt.
   */
  private trackedHead(): string | undefined {
    let text: string;
    try {
      text = fs.readFileSync(path.join(this.dir, ...this.trackingRef.split("/")), "utf8");
    } catch {
      return this.git.run(["rev-parse", "-q", "--verify", this.trackingRef], { allowFailure: true }).stdout.trim() || undefined;
    }
    const id = /^([0-9a-f]{40}|[0-9a-f]{64})\n$/.exec(text)?.[1];
    if (!id) throw new CorruptCacheError(`${this.trackingRef} holds no object id`);
    return id;
  }

  /** True when the folder is a cache of this repository that git can open. */
  private isUsable(): boolean {
    if (!fs.existsSync(path.join(this.dir, "HEAD")) || !fs.existsSync(path.join(this.dir, "objects"))) return false;
    // the committer's identity in the same git call: a commit needs it, and it is one git process less
    const config = this.git.run(["config", "--get-regexp", `^cdktf-gitops\\.|${USER_CONFIG}`], { allowFailure: true }).stdout;
    this.userConfig = config.split("\n").filter((line) => line.startsWith("user.")).map((line) => `${line}\n`).join("");
    return config.includes(`cdktf-gitops.cache ${CACHE_VERSION}\n`) && config.includes(`cdktf-gitops.repository ${this.displayRepo}\n`);
  }

  private create(): void {
    removeFolder(this.dir);
    fs.mkdirSync(this.dir, { recursive: true });
    this.git.run(["init", "--quiet", "--bare"]);
    const settings: Array<[string, string]> = [
      ["core.logAllRefUpdates", "false"],
      ["gc.auto", "0"],
      ["maintenance.auto", "false"],
      ["fetch.unpackLimit", "1"],
      ["cdktf-gitops.repository", this.displayRepo],
    ];
    if (!isLocalRepository(this.options.repo)) {
      settings.push(["core.repositoryFormatVersion", "1"], ["extensions.partialClone", "origin"], ["remote.origin.promisor", "true"], ["remote.origin.partialCloneFilter", "blob:none"]);
    }
    // last: a cache whose creation was interrupted has no marker (or an unreadable config) and is created again
    settings.push(["cdktf-gitops.cache", CACHE_VERSION]);
    // appended to the config `git init` wrote, in one write rather than one git process per key (the last
    // value of a key is the one git uses)
    fs.appendFileSync(path.join(this.dir, "config"), configText(settings));
  }

  private remoteHead(): string | undefined {
    const ls = this.git.run(["ls-remote", "--heads", "origin", `refs/heads/${this.options.branch}`], { allowFailure: true });
    if (ls.status !== 0) {
      throw new ReleaseError(
        `gitops repository ${this.displayRepo} is not reachable: ${gitErrorLines(ls.stderr)}; check --repo, the network and your credentials`,
        ExitCode.REPOSITORY,
      );
    }
    const line = ls.stdout.split("\n").find((l) => l.endsWith(`\trefs/heads/${this.options.branch}`));
    return line ? line.split("\t")[0] : undefined;
  }

  private fetch(): void {
    const filter = isLocalRepository(this.options.repo) ? [] : ["--filter=blob:none"];
    this.git.run(["fetch", "--quiet", "--no-tags", "--no-write-fetch-head", ...filter, "origin", `+refs/heads/${this.options.branch}:${this.trackingRef}`]);
  }

  /** Repacks in the foreground when packs or loose objects pile up (automatic gc is off; see git.ts). */
  private maintain(): void {
    const objects = path.join(this.dir, "objects");
    const packs = fs.readdirSync(path.join(objects, "pack")).filter((f) => f.endsWith(".pack")).length;
    // like git's own estimate: the loose objects of one of the 256 fan-out folders, times 256
    const sample = path.join(objects, "17");
    const loose = fs.existsSync(sample) ? fs.readdirSync(sample).length * 256 : 0;
    if (packs > MAX_PACKS || loose > MAX_LOOSE_OBJECTS) {
      this.progress(`repacking the repository cache ${this.dir}`);
      // geometric: rolls packs up with every object in them, so objects a concurrent command just wrote stay
      this.git.run(["repack", "-d", "-q", "--geometric=2"]);
    }
  }
}

/** Git config file text for `section[.subsection].key` settings, each value quoted and escaped. */
export function configText(settings: ReadonlyArray<readonly [string, string]>): string {
  return settings
    .map(([key, value]) => {
      const first = key.indexOf(".");
      const last = key.lastIndexOf(".");
      const section = first === last ? key.slice(0, first) : `${key.slice(0, first)} "${key.slice(first + 1, last)}"`;
      const quoted = value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\t/g, "\\t");
      return `[${section}]\n\t${key.slice(last + 1)} = "${quoted}"\n`;
    })
    .join("");
}

/** git's `fatal:` / `error:` lines of a failed command (or its last line), joined into one line. */
export function gitErrorLines(stderr: string): string {
  const lines = redactUrlsIn(stderr).split("\n").map((l) => l.trim()).filter(Boolean);
  const errors = lines.filter((l) => /^(fatal|error):/.test(l));
  return (errors.length > 0 ? errors : lines.slice(-1)).join("; ");
}
