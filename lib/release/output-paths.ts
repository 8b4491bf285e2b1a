import * as fs from "fs";
import * as path from "path";
import { ReleaseError } from "./errors";

/**
 * `--out` is untrusted input: a manifest.json written by anyone can name any stack and any path. These checks
 * run before a file of the output is read, so nothing outside the output folder is ever read (and, as the
 * release is built in git objects, nothing is written anywhere but the repository cache).
 */

/** A stack or environment name that is safe as one path segment: letters, digits, `_`, `.`, `-`, no `..`. */
const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Characters a published file name may not hold (git and the release's own reading need plain paths). */
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/** The output folder with symlinks resolved (the root every read is checked against). */
export function outputRoot(outDir: string): string {
  return fs.realpathSync(outDir);
}

/** Throws (exit code 2) unless `name` can be a folder name of the GitOps repository. */
export function assertPlainName(name: string, what: string): void {
  if (!PLAIN_NAME.test(name) || name.includes("..")) {
    throw new ReleaseError(`--out: ${what} ${JSON.stringify(name)} is not a plain name (letters, digits, "_", ".", "-"); it would leave its folder in the gitops repository - use the cdktf.out of a synth of this library`);
  }
}

/**
 * The absolute path of `relative` inside the output root, or a `ReleaseError` (exit code 2) when it is absolute,
 * climbs out with `..`, or resolves (through a symlink) to a place outside the output folder.
 */
export function insideOutput(root: string, relative: string, what: string): string {
  const refuse = (reason: string): never => {
    throw new ReleaseError(`--out: ${what} ${JSON.stringify(relative)} ${reason}; refusing to read outside the output folder - use the cdktf.out of a synth of this library`);
  };
  if (typeof relative !== "string" || relative === "") refuse("is not a path");
  if (path.isAbsolute(relative) || /^[a-z]:/i.test(relative)) refuse("is an absolute path");
  if (UNSAFE_CHARACTERS.test(relative)) refuse("holds a control character or a backslash");
  if (relative.split("/").some((segment) => segment === "..")) refuse('climbs out with ".."');
  const full = path.resolve(root, relative);
  if (!isInside(root, full)) refuse("points outside the output folder");
  let real: string;
  try {
    real = fs.realpathSync.native(full); // one realpath(3) call, not an lstat per path segment
  } catch {
    return full; // absent: the caller's own read reports it
  }
  if (!isInside(root, real)) refuse(`is a symlink to ${real}, outside the output folder`);
  return real;
}

/**
 * Throws unless an entry found in the output (a file or folder called `name`, at `file` below the output) can be
 * published by git as it is. The walk checks every entry it meets, so every segment of a path is checked once.
 */
export function assertPublishableName(name: string, file: string, what: string): void {
  if (UNSAFE_CHARACTERS.test(name) || name === "" || name === "." || name === ".." || name.includes("/") || (name.length === 4 && name.toLowerCase() === ".git")) {
    throw new ReleaseError(`--out: ${what} ${JSON.stringify(file)} cannot be published (a control character, a backslash, or a "." / ".." / ".git" segment); rename it`);
  }
}

function isInside(root: string, full: string): boolean {
  return full === root || full.startsWith(root.endsWith(path.sep) ? root : `${root}${path.sep}`);
}
