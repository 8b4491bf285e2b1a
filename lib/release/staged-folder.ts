import { NamedTreeEntry, sortedTreeId, TreeEntry } from "./tree";

/**
 * Files staged below one folder, held as a tree of folders in memory, whose git tree ids are computed from the
 * files' blob ids without writing anything: equal to the id of the committed folder, the folder is unchanged.
 */
export class StagedFolder {
  /** Files directly in this folder: name → entry. */
  public readonly files = new Map<string, TreeEntry>();
  /** Folders directly in this folder: name → folder. */
  public readonly folders = new Map<string, StagedFolder>();
  private id: string | undefined;

  /** True when no file is staged below the folder. */
  public get empty(): boolean {
    return this.files.size === 0 && this.folders.size === 0;
  }

  /** The id of the tree object git would write for the folder (computed once). */
  public treeId(algorithm: "sha1" | "sha256"): string {
    if (this.id === undefined) {
      const entries: NamedTreeEntry[] = [];
      for (const [name, e] of this.files) entries.push({ name, mode: e.mode, type: "blob", oid: e.oid });
      for (const [name, f] of this.folders) entries.push({ name, mode: "040000", type: "tree", oid: f.treeId(algorithm) });
      this.id = sortedTreeId(entries, algorithm);
    }
    return this.id;
  }

  /** Every file below the folder, paths prefixed with `prefix`. */
  public *allFiles(prefix: string): Generator<readonly [string, TreeEntry]> {
    for (const [name, entry] of this.files) yield [`${prefix}${name}`, entry];
    for (const [name, folder] of this.folders) yield* folder.allFiles(`${prefix}${name}/`);
  }

  /** Stages a file at a path relative to this folder. */
  public add(path: string, entry: TreeEntry): void {
    let folder: StagedFolder = this;
    let start = 0;
    for (let slash = path.indexOf("/"); slash >= 0; slash = path.indexOf("/", start)) {
      const name = path.slice(start, slash);
      let child = folder.folders.get(name);
      if (!child) folder.folders.set(name, (child = new StagedFolder()));
      folder = child;
      start = slash + 1;
    }
    folder.files.set(path.slice(start), entry);
  }
}
