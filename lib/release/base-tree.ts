import { Git } from "./git";
import { readBlobs } from "./read-blobs";
import { CorruptCacheError, hashAlgorithm, objectId, parseTree, rootTreeOf, TreeEntry, TreeObjectEntry, verifiedTreeListing } from "./tree";

/** Parent folder of a path: `a/b/` for `a/b/c` and for `a/b/c/`, "" for a top-level entry. */
export function parentFolder(path: string): string {
  const slash = path.lastIndexOf("/", path.endsWith("/") ? path.length - 2 : path.length);
  return slash < 0 ? "" : path.slice(0, slash + 1);
}

/** Last segment of a path, without a trailing slash. */
export function baseName(path: string): string {
  const trimmed = path.endsWith("/") ? path.slice(0, -1) : path;
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/**
 * A commit's tree, read lazily from the cache: a folder's tree object is read only when a lookup reaches it (the
 * trees a lookup needs in one `git cat-file --batch`, by path), and every object read must hash to the id that its
 * parent (or the commit, itself checked against its id) names, so a damaged cache is caught (`CorruptCacheError`)
 * rather than trusted. Comparing the tree id of a folder with one computed from the output needs only the trees
 * on the path to it; listing everything (`files`) is one `git ls-tree -r`.
 */
export class BaseTree {
  private readonly algorithm: "sha1" | "sha256";
  /** Folder ("" or `a/b/`) → its tree's entries, for the folders read so far. */
  private readonly trees = new Map<string, Map<string, TreeObjectEntry>>();
  private root: string | undefined;
  private readonly listings = new Map<string, Map<string, TreeEntry>>();

  /** `commit` undefined: an empty tree (a repository without the branch). */
  constructor(
    private readonly git: Git,
    private readonly commit: string | undefined,
  ) {
    this.algorithm = hashAlgorithm(commit ?? "");
  }

  /** Id of the tree at a folder ("" for the root, else with a trailing slash), undefined when there is none. */
  public folderId(folder: string): string | undefined {
    if (folder === "") return this.rootTree();
    const entry = this.lookup([folder]).get(folder);
    return entry?.type === "tree" ? entry.oid : undefined;
  }

  /** The entries of a folder's tree (name → entry), undefined when there is no such folder. */
  public children(folder: string): ReadonlyMap<string, TreeObjectEntry> | undefined {
    this.read([folder]);
    return this.trees.get(folder);
  }

  /**
   * The entries at these paths (files, or folders with a trailing slash), absent ones left out. The trees on
   * the paths are read in one git call.
   */
  public lookup(paths: readonly string[]): Map<string, TreeObjectEntry> {
    this.read(paths.map(parentFolder));
    const found = new Map<string, TreeObjectEntry>();
    for (const path of paths) {
      const entry = this.trees.get(parentFolder(path))?.get(baseName(path));
      if (entry && (entry.type === "tree") === path.endsWith("/")) found.set(path, entry);
    }
    return found;
  }

  /** Every file below a folder: path from the repository root → entry, listed once and checked. */
  public files(folder = ""): Map<string, TreeEntry> {
    let listing = this.listings.get(folder);
    if (!listing) {
      const id = this.folderId(folder);
      const below = id ? verifiedTreeListing(this.git, id, this.algorithm) : new Map<string, TreeEntry>();
      listing = folder === "" ? below : new Map([...below].map(([path, entry]) => [`${folder}${path}`, entry]));
      this.listings.set(folder, listing);
    }
    return listing;
  }

  private rootTree(): string | undefined {
    if (this.root === undefined && this.commit !== undefined) this.read([""]);
    return this.root;
  }

  /**
   * The committed blobs of these files (absent ones left out), read in the same `git cat-file --batch` as the
   * trees on their paths: a command that will read some files (each environment's release.json) spends one git
   * process on the trees and the files. Each blob is checked against the id its folder names.
   */
  public blobs(files: readonly string[]): Map<string, { readonly oid: string; readonly content: Buffer }> {
    const result = new Map<string, { readonly oid: string; readonly content: Buffer }>();
    if (this.commit === undefined) return result;
    const commit = this.commit;
    const named = files.filter((file) => !file.includes("\n"));
    const objects = this.readTrees(files.map(parentFolder), named.map((file) => `${commit}:${file}`));
    for (const file of named) {
      const entry = this.trees.get(parentFolder(file))?.get(baseName(file));
      const content = objects.get(`${commit}:${file}`);
      if (entry?.type !== "blob" || content === undefined) continue;
      if (objectId("blob", content, this.algorithm) !== entry.oid) throw new CorruptCacheError(`blob ${entry.oid} does not match its content`);
      result.set(file, { oid: entry.oid, content });
    }
    return result;
  }

  /**
   * Reads the trees of these folders and of every folder above them in one `git cat-file --batch`, by path
   * (`<commit>:<folder>`), then checks them top down: the commit against its id, each tree against the id its
   * parent names. A folder whose path a batch line cannot carry (a newline) is read by id afterwards.
   */
  public read(folders: readonly string[]): void {
    this.readTrees(folders, []);
  }

  /** `read`, with other objects (`extra`, names for cat-file) asked for in the same call; returns every object read. */
  private readTrees(folders: readonly string[], extra: readonly string[]): Map<string, Buffer> {
    if (this.commit === undefined) return new Map();
    const commit = this.commit;
    const wanted = new Set<string>();
    for (let folder of folders) {
      while (!wanted.has(folder) && !this.trees.has(folder)) {
        wanted.add(folder);
        if (folder === "") break;
        folder = parentFolder(folder);
      }
    }
    if (wanted.size === 0 && extra.length === 0) return new Map();
    const nameOf = (folder: string): string => (folder === "" ? `${commit}^{tree}` : `${commit}:${folder.slice(0, -1)}`);
    const names = [...(this.root === undefined ? [commit] : []), ...[...wanted].filter((f) => !f.includes("\n")).map(nameOf), ...extra];
    const objects = readBlobs(this.git, names);
    if (this.root === undefined) this.root = rootTreeOf(objects.get(commit), commit);
    for (const folder of [...wanted].sort((a, b) => depth(a) - depth(b))) {
      const entry = folder === "" ? undefined : this.trees.get(parentFolder(folder))?.get(baseName(folder));
      const oid = folder === "" ? this.root : entry?.type === "tree" ? entry.oid : undefined;
      if (oid === undefined) continue; // no such folder
      const content = objects.get(nameOf(folder)) ?? (folder.includes("\n") ? readBlobs(this.git, [oid]).get(oid) : undefined);
      if (!content || objectId("tree", content, this.algorithm) !== oid) {
        throw new CorruptCacheError(`tree ${oid} (${folder || "the root"} of ${commit}) is missing or does not match its content`);
      }
      this.trees.set(folder, parseTree(content, this.algorithm));
    }
    return objects;
  }
}

/** Number of folders in a folder path ("" is 0, `a/` is 1). */
function depth(folder: string): number {
  let n = 0;
  for (let i = folder.indexOf("/"); i >= 0; i = folder.indexOf("/", i + 1)) n++;
  return n;
}
