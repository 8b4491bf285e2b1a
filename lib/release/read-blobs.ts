import { Git } from "./git";

/**
 * Reads objects in one `git cat-file --batch`: object names (`<oid>` or `<commit>:<path>`) → content. Names
 * that do not exist are left out. In a blob-less cache git fetches a missing blob from the remote on demand.
 */
export function readBlobs(git: Git, names: readonly string[]): Map<string, Buffer> {
  const result = new Map<string, Buffer>();
  if (names.length === 0) return result;
  const out = git.runBuffer(["cat-file", "--batch"], { input: `${names.join("\n")}\n` });
  let offset = 0;
  for (const name of names) {
    const newline = out.indexOf(0x0a, offset);
    if (newline < 0) break;
    const header = out.subarray(offset, newline).toString("utf8");
    offset = newline + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) continue; // "<name> missing" (or ambiguous): no content follows
    const size = Number(match[2]);
    result.set(name, out.subarray(offset, offset + size));
    offset += size + 1;
  }
  return result;
}

/**
 * Object ids of names (`<commit>:<path>`) in one `git cat-file --batch-check`; names that do not exist are left
 * out. Only trees are read to resolve a path, so this never downloads a blob.
 */
export function objectIds(git: Git, names: readonly string[]): Map<string, string> {
  const result = new Map<string, string>();
  if (names.length === 0) return result;
  const lines = git.text(["cat-file", "--batch-check=%(objectname)"], { input: `${names.join("\n")}\n` }).split("\n");
  names.forEach((name, i) => {
    if (/^[0-9a-f]+$/.test(lines[i] ?? "")) result.set(name, lines[i]);
  });
  return result;
}
