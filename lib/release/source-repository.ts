import * as fs from "fs";
import * as path from "path";
import { redactUrl } from "../core/redaction";
import { Git } from "./git";

/** Source commit recorded when the source is not a git repository (or has no commit yet). */
export const NO_SOURCE_COMMIT = "none";

/** Suffix of the source commit when the working tree has uncommitted changes. */
export const DIRTY_SUFFIX = "+dirty";


/** Where the source (infra) repository stands: its commit and where it lives. */
export interface SourceInfo {
  /** HEAD commit, `<sha>+dirty` with uncommitted changes, or `none` outside git. */
  readonly commit: string;
  /** True when the working tree has uncommitted (or untracked, not ignored) changes. */
  readonly dirty: boolean;
  /** The `origin` remote URL without credentials, or the absolute project path. */
  readonly repository: string;
  /** True when the project is inside a git work tree. */
  readonly isGit: boolean;
}

/** The project folder: the nearest folder from `start` upwards that holds cdktf.json, or `start` itself. */
export function findProjectRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, "cdktf.json"))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(start);
    dir = parent;
  }
}

/** Describes the source repository at `projectDir`; works outside git (commit `none`). */
export function sourceInfo(projectDir: string, env: NodeJS.ProcessEnv = process.env): SourceInfo {
  const git = new Git(projectDir, env);
  // one call for all three: inside a work tree (git status fails outside one), the HEAD commit (`# branch.oid`,
  // "(initial)" before the first commit) and uncommitted changes (any line that is not a `#` header)
  const status = git.run(["status", "--porcelain=v2", "--branch", "--untracked-files=normal"], { allowFailure: true });
  if (status.status !== 0) return { commit: NO_SOURCE_COMMIT, dirty: false, repository: projectDir, isGit: false };
  const lines = status.stdout.split("\n").filter(Boolean);
  const oid = /^# branch\.oid ([0-9a-f]+)$/m.exec(status.stdout)?.[1];
  const sha = oid ?? NO_SOURCE_COMMIT;
  const dirty = lines.some((line) => !line.startsWith("#"));
  const origin = git.run(["remote", "get-url", "origin"], { allowFailure: true });
  const repository = origin.status === 0 && origin.stdout.trim() ? redactUrl(origin.stdout.trim()) : projectDir;
  return { commit: dirty ? `${sha}${DIRTY_SUFFIX}` : sha, dirty, repository, isGit: true };
}

/** Paths (relative to the project) with uncommitted changes among `paths`; empty outside git. */
export function uncommittedPaths(projectDir: string, paths: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  // git status fails outside a work tree: nothing is uncommitted there
  const status = new Git(projectDir, env).run(["status", "--porcelain", "--untracked-files=normal", "--", ...paths], { allowFailure: true });
  if (status.status !== 0) return [];
  const out = status.stdout.replace(/\n+$/, "");
  return out ? out.split("\n").map((line) => line.slice(3)) : [];
}
