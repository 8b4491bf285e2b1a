import { BaseTree, baseName, parentFolder } from "./base-tree";
import { buildTree, writeBlobs } from "./commit-builder";
import { Git } from "./git";
import { exactPaths, FileChange, Staging } from "./staged-changes";
import { StagedFolder } from "./staged-folder";
import { sortedTreeId, TreeObjectEntry } from "./tree";

/** A tree object to write: its entries (name → entry) and its id, computed in memory. */
interface NewTree {
  readonly entries: Map<string, TreeObjectEntry>;
  readonly id: string;
}

/** What `writeStagedTree` writes from. */
export interface StagedTreeInput {
  readonly git: Git;
  /** The branch head's tree (undefined `head`: none yet). */
  readonly base: BaseTree;
  readonly head: string | undefined;
  readonly staging: Staging;
  /** The staging's changes against the branch head. */
  readonly changes: readonly FileChange[];
  /** The content of a staged blob by id (the new ones are written). */
  readonly contentOf: (oid: string) => Buffer | undefined;
  readonly algorithm: "sha1" | "sha256";
}

/**
 * Writes the staged blobs and tree into the cache and returns the tree's id (the branch head's own when nothing
 * changed). New blobs go in one `git fast-import`; only the trees that differ from the branch head's are
 * written, in one `git mktree --batch`: those of the replaced folders (their ids computed in memory from the
 * blob ids) and those above them, which keep every committed entry outside the scopes. No index, no listing of
 * the unchanged files. Names that mktree's line format cannot carry (control characters, quotes, backslashes:
 * never in a synthesized output, only in files committed by hand) take the index path (`buildTree`).
 */
export function writeStagedTree(input: StagedTreeInput): string {
  const { git, base, head, staging, changes, algorithm } = input;
  const committedRoot = base.folderId("");
  if (changes.length === 0 && committedRoot) return committedRoot;
  const blobs = new Map<string, Buffer>();
  for (const change of changes) {
    const oid = change.status === "D" ? undefined : staging.staged.get(change.path)?.oid;
    const content = oid && input.contentOf(oid);
    if (content) blobs.set(oid, content);
  }
  writeBlobs(git, blobs);
  const trees: NewTree[] = [];
  for (const [folder, files] of staging.folders) collectChanged(base, folder, files, algorithm, trees);
  const root = composeAbove(base, staging, algorithm, trees);
  const plain = trees.every((t) => [...t.entries.keys()].every((name) => !/[\u0000-\u001f\u007f"\\]/.test(name)));
  if (!root || !plain) {
    const treeChanges = changes.map((c) => ({ path: c.path, entry: c.status === "D" ? undefined : staging.staged.get(c.path) }));
    return buildTree(git, head, treeChanges, "0".repeat(head?.length ?? 40));
  }
  if (trees.length === 0) return root;
  // --missing: in a blob-less cache the unchanged files' blobs are on the remote only
  const listing = trees.map((t) => [...t.entries].map(([name, e]) => `${e.mode} ${e.type} ${e.oid}\t${name}\n`).join("")).join("\n");
  const written = git.text(["mktree", "--missing", "--batch"], { input: listing }).split("\n");
  trees.forEach((t, i) => {
    if (written[i] !== t.id) throw new Error(`git mktree wrote tree ${written[i]} where ${t.id} was computed; the staged tree cannot be trusted`);
  });
  return root;
}

/** Adds the trees of a replaced folder that the branch head lacks (children before parents). */
function collectChanged(base: BaseTree, prefix: string, staged: StagedFolder, algorithm: "sha1" | "sha256", trees: NewTree[]): void {
  if (staged.empty) return;
  const committedId = base.folderId(prefix);
  if (staged.treeId(algorithm) === committedId) return;
  const committed = committedId ? base.children(prefix) : undefined;
  for (const [name, sub] of staged.folders) {
    const before = committed?.get(name);
    if (sub.treeId(algorithm) !== before?.oid) collectChanged(base, `${prefix}${name}/`, sub, algorithm, trees);
  }
  const entries = new Map<string, TreeObjectEntry>();
  for (const [name, e] of staged.files) entries.set(name, { mode: e.mode, type: "blob", oid: e.oid });
  for (const [name, sub] of staged.folders) entries.set(name, { mode: "040000", type: "tree", oid: sub.treeId(algorithm) });
  trees.push(newTree(entries, algorithm));
}

/**
 * Rebuilds the folders above the scopes, deepest first: each keeps its committed entries but for the replaced
 * ones. Returns the root tree's id, or undefined when the staged tree is empty (`buildTree` writes that one).
 */
function composeAbove(base: BaseTree, staging: Staging, algorithm: "sha1" | "sha256", trees: NewTree[]): string | undefined {
  const exact = exactPaths(staging);
  const touched = new Set<string>([""]);
  for (const path of [...staging.folders.keys(), ...exact]) for (let f = parentFolder(path); !touched.has(f); f = parentFolder(f)) touched.add(f);
  base.read([...touched]);
  const ids = new Map<string, string | undefined>();
  for (const folder of [...touched].sort((a, b) => b.length - a.length)) {
    const entries = new Map<string, TreeObjectEntry>(base.children(folder) ?? []);
    for (const path of staging.hidden) if (parentFolder(path) === folder) entries.delete(baseName(path));
    for (const path of exact) {
      const entry = staging.staged.get(path);
      if (parentFolder(path) === folder && entry) entries.set(baseName(path), { ...entry, type: "blob" });
    }
    for (const [scope, files] of staging.folders) if (parentFolder(scope) === folder && !files.empty) entries.set(baseName(scope), { mode: "040000", type: "tree", oid: files.treeId(algorithm) });
    for (const [child, id] of ids) {
      if (parentFolder(child) !== folder) continue;
      if (id) entries.set(baseName(child), { mode: "040000", type: "tree", oid: id });
      else entries.delete(baseName(child));
    }
    if (entries.size === 0) {
      ids.set(folder, undefined);
      continue;
    }
    const tree = newTree(entries, algorithm);
    if (tree.id !== base.folderId(folder)) trees.push(tree);
    ids.set(folder, tree.id);
  }
  return ids.get("");
}

function newTree(entries: Map<string, TreeObjectEntry>, algorithm: "sha1" | "sha256"): NewTree {
  return { entries, id: sortedTreeId([...entries].map(([name, e]) => ({ name, mode: e.mode, type: e.type, oid: e.oid })), algorithm) };
}
