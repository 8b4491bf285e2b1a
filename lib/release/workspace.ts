import { compareStrings } from "../core/sorting";
import { buildTree, commitTree, TreeChange, writeBlobs } from "./commit-builder";
import { Git } from "./git";
import { pushCommit, PushResult } from "./push";
import { readBlobs } from "./read-blobs";
import { RepositoryCache } from "./repository-cache";
import { blobId, hashAlgorithm, TreeEntry, verifiedListing } from "./tree";

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

/** A staged change of one file: git status letter (A, M, D) and path. */
export interface FileChange {
  readonly status: "A" | "M" | "D";
  readonly path: string;
}

/** Mode of every file a release writes. */
const FILE_MODE = "100644";

/**
 * The branch head of the GitOps repository, held in the persistent cache, with changes staged in memory. It has
 * no work tree: files are compared by blob id, a commit is built with git's plumbing (only new blobs written,
 * only the changed folders' trees rewritten) and `push` is the only step that changes the remote, so an
 * interrupted command leaves the repository as it was.
 */
export class GitOpsWorkspace {
  /** Opens the cache of the repository at the branch head (or an empty tree when the remote lacks the branch). */
  public static open(options: WorkspaceOptions): GitOpsWorkspace {
    return new GitOpsWorkspace(RepositoryCache.open(options), options);
  }

  /** Branch the workspace tracks. */
  public readonly branch: string;
  /** The repository as given (credentials removed), for messages. */
  public readonly displayRepo: string;
  private readonly progress: (message: string) => void;
  /** The branch head's files and folders, and the files as staged: listed on first use (`history` needs none). */
  private tree: { base: Map<string, TreeEntry>; folders: Map<string, string>; entries: Map<string, TreeEntry> } | undefined;
  private contents = new Map<string, Buffer>();
  private staged: { tree: string; version: number } | undefined;
  private version = 0;
  private pending: string | undefined;

  private constructor(
    private readonly cache: RepositoryCache,
    options: WorkspaceOptions,
  ) {
    this.branch = options.branch;
    this.displayRepo = cache.displayRepo;
    this.progress = options.progress ?? (() => undefined);
    this.load();
  }

  /** The git runner of the cache (a bare repository). */
  public get git(): Git {
    return this.cache.git;
  }

  /** The cache's folder. */
  public get dir(): string {
    return this.cache.dir;
  }

  /** True when the remote branch existed at the last fetch (false for an empty repository). */
  public get hasHistory(): boolean {
    return this.cache.tip !== undefined;
  }

  /** The branch head at the last fetch, or undefined before the first commit. */
  public head(): string | undefined {
    return this.cache.tip;
  }

  /** Fetches the branch head again and drops every staged change. */
  public refresh(): void {
    this.cache.refresh();
    this.load();
  }

  /** Blob id of a file as staged (undefined when absent). */
  public blobIdOf(file: string): string | undefined {
    return this.entries.get(file)?.oid;
  }

  /** Text of a file as staged (the branch head's, unless changed), or undefined. */
  public readFile(file: string): string | undefined {
    return this.readFiles([file]).get(file);
  }

  /** Texts of files as staged, in one git call for those not changed: path → text (absent files left out). */
  public readFiles(files: readonly string[]): Map<string, string> {
    return this.readEntries(files, this.entries);
  }

  /** Text of a file at the branch head (whatever is staged), or undefined. */
  public readCommitted(file: string): string | undefined {
    return this.readEntries([file], this.base).get(file);
  }

  /** Text of a file at a commit, or undefined when the commit lacks it. */
  public readFileAt(commit: string, file: string): string | undefined {
    return readBlobs(this.git, [`${commit}:${file}`]).get(`${commit}:${file}`)?.toString("utf8");
  }

  /** Files (as staged) under a folder (with trailing slash), or every file, sorted. */
  public trackedFiles(prefix = ""): string[] {
    return [...this.entries.keys()].filter((f) => f.startsWith(prefix)).sort(compareStrings);
  }

  /** Environment folders present (as staged). */
  public environments(): string[] {
    const names = new Set<string>();
    for (const file of this.entries.keys()) {
      const match = /^environments\/([^/]+)\//.exec(file);
      if (match) names.add(match[1]);
    }
    return [...names].sort(compareStrings);
  }

  /** Replaces the content of the scope (folders, or exact files) with `files` (files no longer produced are deleted). */
  public replace(scope: readonly string[], files: ReadonlyMap<string, Buffer>): void {
    this.removeUnder(scope);
    const algorithm = this.algorithm();
    for (const [file, content] of files) {
      const oid = blobId(content, algorithm);
      this.contents.set(oid, content);
      this.entries.set(file, { mode: FILE_MODE, oid });
    }
    this.version++;
  }

  /** Restores a folder (with trailing slash) to its content at a commit; nothing outside it changes. */
  public restoreFolder(folder: string, commit: string): void {
    this.removeUnder([folder]);
    for (const [file, entry] of verifiedListing(this.git, commit).files) if (file.startsWith(folder)) this.entries.set(file, entry);
    this.version++;
  }

  /** Staged changes against the branch head, sorted by path. */
  public stagedChanges(): FileChange[] {
    const changes: FileChange[] = [];
    for (const [file, entry] of this.entries) {
      const before = this.base.get(file);
      if (!before) changes.push({ status: "A", path: file });
      else if (before.oid !== entry.oid || before.mode !== entry.mode) changes.push({ status: "M", path: file });
    }
    for (const file of this.base.keys()) if (!this.entries.has(file)) changes.push({ status: "D", path: file });
    return changes.sort((a, b) => compareStrings(a.path, b.path));
  }

  /** Id of the staged tree (writes the new blobs and trees into the cache; the remote is not touched). */
  public stagedTree(): string {
    if (this.staged?.version === this.version) return this.staged.tree;
    const changes: TreeChange[] = this.stagedChanges().map((c) => ({ path: c.path, entry: this.entries.get(c.path) }));
    const blobs = new Map<string, Buffer>();
    for (const change of changes) {
      const content = change.entry && this.contents.get(change.entry.oid);
      if (content) blobs.set(change.entry!.oid, content);
    }
    writeBlobs(this.git, blobs);
    const tree = changes.length === 0 && this.folders.has("") ? this.folders.get("")! : buildTree(this.git, this.head(), changes, "0".repeat(this.head()?.length ?? 40));
    this.staged = { tree, version: this.version };
    return tree;
  }

  /** Commits the staged tree on top of the branch head with a message; returns the commit (not yet pushed). */
  public commit(message: string): string {
    this.pending = commitTree(this.git, this.stagedTree(), this.head(), message);
    return this.pending;
  }

  /** Pushes the last commit to the branch; "rejected" when the branch moved on. Never force-pushes. */
  public push(): PushResult {
    if (!this.pending) throw new Error("push before commit");
    this.progress(`pushing to ${this.displayRepo} (${this.branch})`);
    const result = pushCommit(this.git, this.pending, this.branch, this.displayRepo);
    // the cache then already holds the new head, so the next command fetches nothing
    if (result === "pushed") this.git.run(["update-ref", this.cache.trackingRef, this.pending], { allowFailure: true });
    return result;
  }

  /** Nothing to remove: the cache stays for the next command, staged changes lived in memory. */
  public dispose(): void {
    this.contents.clear();
  }

  /** The branch head's files (path → entry), listed and checked against the head commit on first use. */
  private get base(): Map<string, TreeEntry> {
    return this.listed().base;
  }

  /** Tree ids of the branch head's folders. */
  private get folders(): Map<string, string> {
    return this.listed().folders;
  }

  /** The files as staged. */
  private get entries(): Map<string, TreeEntry> {
    return this.listed().entries;
  }

  private listed(): NonNullable<GitOpsWorkspace["tree"]> {
    if (!this.tree) {
      const tip = this.cache.tip;
      const listing = tip ? verifiedListing(this.git, tip) : { files: new Map<string, TreeEntry>(), folders: new Map<string, string>() };
      this.tree = { base: listing.files, folders: listing.folders, entries: new Map(listing.files) };
    }
    return this.tree;
  }

  private load(): void {
    this.tree = undefined;
    this.contents = new Map();
    this.pending = undefined;
    this.staged = undefined;
    this.version++;
  }

  private readEntries(files: readonly string[], entries: ReadonlyMap<string, TreeEntry>): Map<string, string> {
    const result = new Map<string, string>();
    const toRead: string[] = [];
    for (const file of files) {
      const entry = entries.get(file);
      const content = entry && this.contents.get(entry.oid);
      if (content) result.set(file, content.toString("utf8"));
      else if (entry) toRead.push(entry.oid);
    }
    const blobs = readBlobs(this.git, toRead);
    for (const file of files) {
      const oid = entries.get(file)?.oid;
      const blob = oid === undefined || result.has(file) ? undefined : blobs.get(oid);
      if (blob) result.set(file, blob.toString("utf8"));
    }
    return result;
  }

  /** Unstages everything below the scope entries: folders (with a trailing slash) or exact files. */
  private removeUnder(scope: readonly string[]): void {
    const inScope = (file: string): boolean => scope.some((s) => (s.endsWith("/") ? file.startsWith(s) : file === s || file.startsWith(`${s}/`)));
    for (const file of [...this.entries.keys()]) if (inScope(file)) this.entries.delete(file);
  }

  private algorithm(): "sha1" | "sha256" {
    return hashAlgorithm(this.head() ?? "");
  }
}
