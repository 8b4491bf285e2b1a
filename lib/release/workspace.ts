import { compareStrings } from "../core/sorting";
import { commitTree } from "./commit-builder";
import { Git } from "./git";
import { pushCommit, PushResult } from "./push";
import { readBlobs } from "./read-blobs";
import { BlobContents } from "./blob-contents";
import { RepositoryCache } from "./repository-cache";
import { BaseTree } from "./base-tree";
import { ENVIRONMENTS_FOLDER } from "../core/gitops-layout";
import { changesOf, FileChange, Staging, staging } from "./staged-changes";
import { writeStagedTree } from "./tree-writer";
import { hashAlgorithm, TreeEntry } from "./tree";
import { blobsInMemory, StagedBlobs } from "./output-reader";

export type { FileChange } from "./staged-changes";

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
  /** The branch head's tree, read as far as a command needs it (`history` needs none of it). */
  private base!: BaseTree;
  /** Scopes whose committed content the staged files replace: folders (trailing slash) or exact files. */
  private hidden: string[] = [];
  /** Staged files: path → entry. */
  private overrides = new Map<string, TreeEntry>();
  /** Every staged file, listed when a command needs all of them. */
  private full: { version: number; entries: Map<string, TreeEntry> } | undefined;
  private contents!: BlobContents;
  /** The staging of the current version, its changes, and its tree once written. */
  private current: (Staging & { version: number; changes?: FileChange[]; tree?: string }) | undefined;
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

  /** The hash of the repository's object ids. */
  public get objectFormat(): "sha1" | "sha256" {
    return hashAlgorithm(this.head() ?? "");
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
    return this.stagedEntries([file]).get(file)?.oid;
  }

  /** Blob ids of files as staged (absent files left out), the trees on their paths read in one git call. */
  public blobIdsOf(files: readonly string[]): Map<string, string> {
    return new Map([...this.stagedEntries(files)].map(([file, entry]) => [file, entry.oid]));
  }

  /** Text of a file as staged (the branch head's, unless changed), or undefined. */
  public readFile(file: string): string | undefined {
    return this.readFiles([file]).get(file);
  }

  /** Texts of files as staged, in one git call for those not changed: path → text (absent files left out). */
  public readFiles(files: readonly string[]): Map<string, string> {
    return this.contents.texts(files, this.stagedEntries(files));
  }

  /** Reads files of the branch head ahead, with the trees on their paths, in one git call (then read for free). */
  public prefetchCommitted(files: readonly string[]): void {
    for (const { oid, content } of this.base.blobs(files).values()) this.contents.keep(oid, content);
  }

  /** Text of a file at the branch head (whatever is staged), or undefined. */
  public readCommitted(file: string): string | undefined {
    return this.contents.texts([file], this.base.lookup([file])).get(file);
  }

  /** Text of a file at a commit, or undefined when the commit lacks it. */
  public readFileAt(commit: string, file: string): string | undefined {
    return readBlobs(this.git, [`${commit}:${file}`]).get(`${commit}:${file}`)?.toString("utf8");
  }

  /** Files (as staged) under a folder (with trailing slash), or every file, sorted. */
  public trackedFiles(prefix = ""): string[] {
    return [...this.entries.keys()].filter((f) => f.startsWith(prefix)).sort(compareStrings);
  }

  /** Environment folders present (as staged): from the staged folders and the `environments` tree, not a listing. */
  public environments(): string[] {
    const prefix = `${ENVIRONMENTS_FOLDER}/`;
    const names = new Set<string>();
    const envOf = (file: string): string => /^environments\/([^/]+)\//.exec(file)?.[1] ?? "";
    // a staged scope inside an environment may leave it empty: then only the whole list tells
    if (this.hidden.some((s) => s.startsWith(prefix) && s !== prefix && !/^environments\/[^/]+\/$/.test(s))) {
      for (const file of this.entries.keys()) names.add(envOf(file));
    } else {
      const { folders, outside } = this.stagingNow();
      for (const [folder, files] of folders) {
        if (folder === prefix) for (const name of files.folders.keys()) names.add(name);
        else if (!files.empty) names.add(envOf(folder));
      }
      for (const file of outside) names.add(envOf(file));
      if (!this.isHidden(prefix)) {
        for (const [name, entry] of this.base.children(prefix) ?? []) if (entry.type === "tree" && !this.isHidden(`${prefix}${name}/`)) names.add(name);
      }
    }
    names.delete("");
    return [...names].sort(compareStrings);
  }

  /** Replaces the content of the scope (folders, or exact files) with `files` (files no longer produced are deleted). */
  public replace(scope: readonly string[], files: ReadonlyMap<string, Buffer>): void {
    this.stage(scope, blobsInMemory(files, this.objectFormat));
  }

  /** `replace` with files given by blob id, their contents read only when a commit writes them. */
  public stage(scope: readonly string[], blobs: StagedBlobs): void {
    this.unstage(scope);
    this.contents.stage(blobs);
    for (const [file, oid] of blobs.ids) this.overrides.set(file, { mode: FILE_MODE, oid });
    this.version++;
  }

  /** Restores a folder (with trailing slash) to its content at a commit; nothing outside it changes. */
  public restoreFolder(folder: string, commit: string): void {
    this.unstage([folder]);
    for (const [file, entry] of new BaseTree(this.git, commit).files(folder)) this.overrides.set(file, entry);
    this.version++;
  }

  /** Staged changes against the branch head, sorted by path (see `changesOf`: only trees that differ are read). */
  public stagedChanges(): FileChange[] {
    return [...this.changesNow()];
  }

  /** Id of the staged tree (writes the new blobs and trees into the cache; the remote is not touched). */
  public stagedTree(): string {
    const current = this.stagingNow();
    current.tree ??= writeStagedTree({ git: this.git, base: this.base, head: this.head(), staging: current, changes: this.changesNow(), contentOf: (oid) => this.contents.get(oid), algorithm: this.objectFormat });
    return current.tree;
  }

  /** Commits the staged tree on top of the branch head with a message; returns the commit (not yet pushed). */
  public commit(message: string): string {
    this.pending = commitTree(this.git, this.stagedTree(), this.head(), message, this.cache.identityEnv());
    return this.pending;
  }

  /** Pushes the last commit to the branch; "rejected" when the branch moved on. Never force-pushes. */
  public push(): PushResult {
    if (!this.pending) throw new Error("push before commit");
    this.progress(`pushing to ${this.displayRepo} (${this.branch})`);
    // the push also moves the cache's tracking ref (see pushCommit), so the next command fetches nothing
    return pushCommit(this.git, this.pending, this.branch, this.displayRepo);
  }

  /** Nothing to remove: the cache stays for the next command, staged changes lived in memory. */
  public dispose(): void {
    this.contents.clear();
  }

  /** The files as staged, every one: the branch head's listing (read on first use) with the staged changes. */
  private get entries(): Map<string, TreeEntry> {
    if (this.full?.version !== this.version) {
      const entries = new Map<string, TreeEntry>();
      for (const [file, entry] of this.base.files()) if (!this.isHidden(file)) entries.set(file, entry);
      for (const [file, entry] of this.overrides) entries.set(file, entry);
      this.full = { version: this.version, entries };
    }
    return this.full.entries;
  }

  /** Staged entries of these files (absent ones left out): staged changes, else the branch head's trees. */
  private stagedEntries(files: readonly string[]): Map<string, TreeEntry> {
    if (this.full?.version === this.version) {
      const full = this.full.entries;
      return new Map(files.flatMap((file) => (full.has(file) ? [[file, full.get(file)!] as const] : [])));
    }
    const result = new Map<string, TreeEntry>();
    const committed = this.base.lookup(files.filter((file) => !this.overrides.has(file) && !this.isHidden(file)));
    for (const file of files) {
      const entry = this.overrides.get(file) ?? committed.get(file);
      if (entry) result.set(file, entry);
    }
    return result;
  }

  /** What is staged now (computed once per version). */
  private stagingNow(): NonNullable<GitOpsWorkspace["current"]> {
    if (this.current?.version !== this.version) this.current = { ...staging(this.hidden, this.overrides), version: this.version };
    return this.current;
  }

  /** The staged changes (computed once per version). */
  private changesNow(): FileChange[] {
    const current = this.stagingNow();
    current.changes ??= changesOf(this.base, current, this.objectFormat);
    return current.changes;
  }

  /** True when a staged scope replaces this path's committed content. */
  private isHidden(file: string): boolean {
    return this.hidden.some((s) => (s.endsWith("/") ? file.startsWith(s) : file === s || file.startsWith(`${s}/`)));
  }

  private load(): void {
    this.base = new BaseTree(this.git, this.cache.tip);
    this.hidden = [];
    this.overrides = new Map();
    this.full = undefined;
    this.contents = new BlobContents(this.git, this.objectFormat);
    this.pending = undefined;
    this.current = undefined;
    this.version++;
  }

  /** Replaces the committed content of the scope entries (folders with a trailing slash, or exact files) and drops staged files there. */
  private unstage(scope: readonly string[]): void {
    for (const s of scope) if (!this.isHidden(s)) this.hidden.push(s);
    const inScope = (file: string): boolean => scope.some((s) => (s.endsWith("/") ? file.startsWith(s) : file === s || file.startsWith(`${s}/`)));
    for (const file of [...this.overrides.keys()]) if (inScope(file)) this.overrides.delete(file);
  }
}
