import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Git } from "./git";
import { TreeEntry } from "./tree";

/** One change of a tree: a file set to an entry, or deleted (`entry` undefined). */
export interface TreeChange {
  readonly path: string;
  readonly entry?: TreeEntry;
}

/**
 * Writes blobs into the repository in one `git fast-import` (a single pack for a large release, loose objects
 * for a small one), straight from memory: no work tree, no temporary files.
 */
export function writeBlobs(git: Git, blobs: ReadonlyMap<string, Buffer>): void {
  if (blobs.size === 0) return;
  const parts: Buffer[] = [];
  for (const content of blobs.values()) parts.push(Buffer.from(`blob\ndata ${content.length}\n`), content, Buffer.from("\n"));
  parts.push(Buffer.from("done\n"));
  git.run(["fast-import", "--quiet", "--done"], { input: Buffer.concat(parts) });
}

/**
 * The tree of `base` (a commit, or nothing for the first release) with `changes` applied, built in a temporary
 * index file: `read-tree` of the base (its entries only, no file is checked out), `update-index --index-info`
 * with the changed entries, `write-tree`. Git rewrites only the folders on the paths of the changes.
 */
export function buildTree(git: Git, base: string | undefined, changes: readonly TreeChange[], zeroOid: string): string {
  const indexDir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-gitops-index-"));
  const env = { GIT_INDEX_FILE: path.join(indexDir, "index") };
  try {
    git.run(base ? ["read-tree", base] : ["read-tree", "--empty"], { env });
    if (changes.length > 0) {
      const lines = changes.map((c) => (c.entry ? `${c.entry.mode} ${c.entry.oid}\t${c.path}` : `0 ${zeroOid}\t${c.path}`));
      git.run(["update-index", "-z", "--index-info"], { env, input: `${lines.join("\0")}\0` });
    }
    // --missing-ok: in a blob-less cache the unchanged files' blobs are on the remote only, and stay there
    return git.text(["write-tree", "--missing-ok"], { env });
  } finally {
    fs.rmSync(indexDir, { recursive: true, force: true });
  }
}

/**
 * Writes a commit of `tree` on top of `parent` (none for the first) with the message; returns its id.
 * `identity`: the committer's environment (`Git.identityEnv`), when already known.
 */
export function commitTree(git: Git, tree: string, parent: string | undefined, message: string, identity: NodeJS.ProcessEnv = git.identityEnv()): string {
  const parents = parent ? ["-p", parent] : [];
  return git.text(["commit-tree", "--no-gpg-sign", tree, ...parents, "-F", "-"], { input: message, env: identity });
}
