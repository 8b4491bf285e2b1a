import { createHash } from "crypto";
import { Git } from "./git";

/** A file of a commit's tree: git mode and blob id. */
export interface TreeEntry {
  readonly mode: string;
  readonly oid: string;
}

/** Every file of a commit (path → entry) and the tree id of every folder (path with trailing slash → id). */
export interface TreeListing {
  readonly files: Map<string, TreeEntry>;
  readonly folders: Map<string, string>;
}

/** The hash of the object format: sha1 ids have 40 hex digits, sha256 ids 64. */
export function hashAlgorithm(oid: string): "sha1" | "sha256" {
  return oid.length === 64 ? "sha256" : "sha1";
}

/** The git object id of a blob with this content (what `git hash-object` prints), without running git. */
export function blobId(content: Buffer, algorithm: "sha1" | "sha256" = "sha1"): string {
  return createHash(algorithm).update(`blob ${content.length}\0`).update(content).digest("hex");
}

/** Raised when an object of the cache does not hash to its id: the cache is rebuilt, never trusted. */
export class CorruptCacheError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CorruptCacheError";
  }
}

interface RawEntry {
  readonly mode: string;
  readonly type: string;
  readonly oid: string;
  readonly name: string;
}

/**
 * Lists a commit's tree (`git ls-tree -r -t`) and checks it against the commit id: the commit object must hash
 * to `commit`, and every tree, rebuilt from the listing, must hash to the id its parent (or the commit) names.
 * Blob contents are not read (a blob-less cache has none); their ids are what verify and publish compare.
 */
export function verifiedListing(git: Git, commit: string): TreeListing {
  const algorithm = hashAlgorithm(commit);
  const commitObject = git.runBuffer(["cat-file", "commit", commit]);
  if (objectId("commit", commitObject, algorithm) !== commit) throw new CorruptCacheError(`commit ${commit} does not match its id`);
  const rootTree = /^tree ([0-9a-f]+)\n/.exec(commitObject.toString("latin1"))?.[1];
  if (!rootTree) throw new CorruptCacheError(`commit ${commit} names no tree`);
  const out = git.runBuffer(["ls-tree", "-r", "-t", "-z", "--full-tree", commit]).toString("utf8");
  const children = new Map<string, RawEntry[]>([["", []]]);
  const files = new Map<string, TreeEntry>();
  const folders = new Map<string, string>([["", rootTree]]);
  for (const record of out.split("\0")) {
    if (!record) continue;
    const tab = record.indexOf("\t");
    const [mode, type, oid] = record.slice(0, tab).split(" ");
    const path = record.slice(tab + 1);
    const slash = path.lastIndexOf("/");
    const parent = slash < 0 ? "" : `${path.slice(0, slash)}/`;
    const list = children.get(parent);
    if (!list) throw new CorruptCacheError(`tree listing of ${commit} names ${path} before its folder`);
    list.push({ mode, type, oid, name: path.slice(slash + 1) });
    if (type === "tree") {
      children.set(`${path}/`, []);
      folders.set(`${path}/`, oid);
    } else files.set(path, { mode, oid });
  }
  for (const [folder, entries] of children) {
    if (treeId(entries, algorithm) !== folders.get(folder)) {
      throw new CorruptCacheError(`tree ${folders.get(folder)} (${folder || "the root"} of ${commit}) does not match its content`);
    }
  }
  return { files, folders };
}

/** The id of a tree object holding these entries, in the order git stores them. */
function treeId(entries: readonly RawEntry[], algorithm: "sha1" | "sha256"): string {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(Buffer.from(`${e.type === "tree" ? "40000" : e.mode} ${e.name}\0`, "utf8"), Buffer.from(e.oid, "hex"));
  }
  return objectId("tree", Buffer.concat(parts), algorithm);
}

function objectId(type: string, content: Buffer, algorithm: "sha1" | "sha256"): string {
  return createHash(algorithm).update(`${type} ${content.length}\0`).update(content).digest("hex");
}
