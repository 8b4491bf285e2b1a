import { compareStrings } from "../core/sorting";
import { BaseTree } from "./base-tree";
import { StagedFolder } from "./staged-folder";
import { TreeEntry, TreeObjectEntry } from "./tree";

/** A staged change of one file: git status letter (A, M, D) and path. */
export interface FileChange {
  readonly status: "A" | "M" | "D";
  readonly path: string;
}

/** What is staged: the scopes replaced, the files, and the files of each outermost replaced folder. */
export interface Staging {
  /** Scopes whose committed content the staged files replace: folders (trailing slash) or exact files. */
  readonly hidden: readonly string[];
  /** Staged files: path → entry. */
  readonly staged: ReadonlyMap<string, TreeEntry>;
  /** The outermost replaced folders (none inside another) → their staged files. */
  readonly folders: ReadonlyMap<string, StagedFolder>;
  /** Staged files outside those folders. */
  readonly outside: readonly string[];
}

/** The staging of files that replace scopes (`hidden`), with each outermost replaced folder's files in memory. */
export function staging(hidden: readonly string[], staged: ReadonlyMap<string, TreeEntry>): Staging {
  const outermost = hidden.filter((s) => s.endsWith("/") && !hidden.some((h) => h !== s && h.endsWith("/") && s.startsWith(h)));
  const folders = new Map(outermost.map((folder) => [folder, new StagedFolder()]));
  const outside: string[] = [];
  for (const [path, entry] of staged) {
    const folder = outermost.find((f) => path.startsWith(f));
    if (folder === undefined) outside.push(path);
    else folders.get(folder)!.add(path.slice(folder.length), entry);
  }
  return { hidden, staged, folders, outside };
}

/** The paths compared one by one: staged files outside the replaced folders, and replaced exact files there. */
export function exactPaths(staging: Staging): string[] {
  const inFolders = (path: string): boolean => [...staging.folders.keys()].some((folder) => path.startsWith(folder));
  return [...new Set([...staging.outside, ...staging.hidden.filter((s) => !s.endsWith("/") && !inFolders(s))])];
}

/**
 * The changes of the staged files against the branch head, sorted by path. An exact file scope also replaces a
 * folder of that name. A replaced folder is compared by tree id first (its staged files hashed
 * in memory): only the folders whose ids differ are read from the cache, one depth at a time, so an unchanged
 * output costs the trees on the path to it, and a one-app change the trees on that app's path.
 */
export function changesOf(base: BaseTree, staging: Staging, algorithm: "sha1" | "sha256"): FileChange[] {
  const { hidden, staged, folders } = staging;
  const changes: FileChange[] = [];
  for (const [folder, files] of folders) folderChanges(base, folder, files, algorithm, changes);
  const exact = exactPaths(staging);
  const committed = base.lookup([...exact, ...exact.map((file) => `${file}/`)]);
  for (const file of exact) {
    const entry = staged.get(file);
    const before = committed.get(file);
    if (entry && !before) changes.push({ status: "A", path: file });
    else if (!entry && before) changes.push({ status: "D", path: file });
    else if (entry && before && (before.oid !== entry.oid || before.mode !== entry.mode)) changes.push({ status: "M", path: file });
    if (committed.has(`${file}/`) && hidden.includes(file)) {
      for (const below of base.files(`${file}/`).keys()) if (!staged.has(below)) changes.push({ status: "D", path: below });
    }
  }
  return changes.sort((a, b) => compareStrings(a.path, b.path));
}

/** A folder to compare: its staged files and committed tree (either may be absent). */
interface FolderPair {
  readonly prefix: string;
  readonly staged?: StagedFolder;
  readonly baseId?: string;
}

/** The changes below one replaced folder: staged tree ids against the committed ones, depth by depth. */
function folderChanges(base: BaseTree, folder: string, staged: StagedFolder, algorithm: "sha1" | "sha256", changes: FileChange[]): void {
  const differ = (p: FolderPair): boolean => p.staged !== undefined && p.baseId !== undefined && p.staged.treeId(algorithm) !== p.baseId;
  let level: FolderPair[] = [{ prefix: folder, staged: staged.empty ? undefined : staged, baseId: base.folderId(folder) }];
  while (level.length > 0) {
    base.read(level.filter(differ).map((p) => p.prefix));
    const next: FolderPair[] = [];
    for (const p of level) {
      if (!p.staged) {
        if (p.baseId) for (const file of base.files(p.prefix).keys()) changes.push({ status: "D", path: file });
      } else if (!p.baseId) {
        for (const [file] of p.staged.allFiles(p.prefix)) changes.push({ status: "A", path: file });
      } else if (differ(p)) {
        next.push(...childChanges(p.prefix, p.staged, base.children(p.prefix)!, changes));
      }
    }
    level = next;
  }
}

/** Compares one folder's staged files with its committed entries; returns the sub-folders to compare next. */
function childChanges(prefix: string, staged: StagedFolder, committed: ReadonlyMap<string, TreeObjectEntry>, changes: FileChange[]): FolderPair[] {
  const next: FolderPair[] = [];
  for (const [name, entry] of staged.files) {
    const before = committed.get(name);
    if (!before || before.type === "tree") changes.push({ status: "A", path: `${prefix}${name}` });
    else if (before.oid !== entry.oid || before.mode !== entry.mode) changes.push({ status: "M", path: `${prefix}${name}` });
  }
  for (const [name, sub] of staged.folders) {
    const before = committed.get(name);
    next.push({ prefix: `${prefix}${name}/`, staged: sub, baseId: before?.type === "tree" ? before.oid : undefined });
  }
  for (const [name, before] of committed) {
    if (before.type === "tree" && !staged.folders.has(name)) next.push({ prefix: `${prefix}${name}/`, baseId: before.oid });
    else if (before.type !== "tree" && !staged.files.has(name)) changes.push({ status: "D", path: `${prefix}${name}` });
  }
  return next;
}
