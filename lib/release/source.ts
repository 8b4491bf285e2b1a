import * as fs from "fs";
import * as path from "path";
import { parsePinnedImage } from "../apps/image-reference";
import { formatPinFile, readPinFile } from "../apps/pins";
import { ENVIRONMENT_NAME } from "../core/names";
import { ReleaseError } from "./errors";
import { redactUrl } from "../core/redaction";
import { Git } from "./git";
import { compareStrings, sortedRecord } from "../core/sorting";

/** Folder of the pins files inside the source repository. */
export const PINS_FOLDER = "environments/pins";

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
  const inside = git.run(["rev-parse", "--is-inside-work-tree"], { allowFailure: true });
  if (inside.status !== 0 || inside.stdout.trim() !== "true") {
    return { commit: NO_SOURCE_COMMIT, dirty: false, repository: projectDir, isGit: false };
  }
  const head = git.run(["rev-parse", "--verify", "-q", "HEAD"], { allowFailure: true });
  const sha = head.status === 0 ? head.stdout.trim() : NO_SOURCE_COMMIT;
  const dirty = git.text(["status", "--porcelain", "--untracked-files=normal"]).length > 0;
  const origin = git.run(["remote", "get-url", "origin"], { allowFailure: true });
  const repository = origin.status === 0 && origin.stdout.trim() ? redactUrl(origin.stdout.trim()) : projectDir;
  return { commit: dirty ? `${sha}${DIRTY_SUFFIX}` : sha, dirty, repository, isGit: true };
}

/** Paths (relative to the project) with uncommitted changes among `paths`; empty outside git. */
export function uncommittedPaths(projectDir: string, paths: readonly string[], env: NodeJS.ProcessEnv = process.env): string[] {
  const git = new Git(projectDir, env);
  const inside = git.run(["rev-parse", "--is-inside-work-tree"], { allowFailure: true });
  if (inside.status !== 0) return [];
  const out = git.text(["status", "--porcelain", "--untracked-files=normal", "--", ...paths]);
  return out ? out.split("\n").map((line) => line.slice(3)) : [];
}

/** Pins of every environment that has a pins file: env → app → pinned image. */
export function readAllPins(projectDir: string): Record<string, Record<string, string>> {
  const dir = path.join(projectDir, PINS_FOLDER);
  const result: Record<string, Record<string, string>> = {};
  if (!fs.existsSync(dir)) return result;
  for (const file of fs.readdirSync(dir).sort()) {
    const match = /^([a-z][a-z0-9]*)\.json$/.exec(file);
    if (match) result[match[1]] = readPins(projectDir, match[1]);
  }
  return result;
}

/** True when the environment has a pins file. */
export function hasPins(projectDir: string, environment: string): boolean {
  return fs.existsSync(pinsPath(projectDir, environment));
}

/** Path of an environment's pins file. */
export function pinsPath(projectDir: string, environment: string): string {
  return path.join(projectDir, PINS_FOLDER, `${environment}.json`);
}

/** Reads and validates `environments/pins/<env>.json`; an absent file is an empty object. */
export function readPins(projectDir: string, environment: string): Record<string, string> {
  const file = pinsPath(projectDir, environment);
  if (!fs.existsSync(file)) return {};
  const pins = asReleaseError(() => readPinFile(file));
  for (const [app, image] of Object.entries(pins)) {
    const parsed = parsePinnedImage(image);
    if (typeof parsed === "string") throw new ReleaseError(`${PINS_FOLDER}/${environment}.json: app "${app}" ${parsed}`);
  }
  return sortedRecord(pins);
}

/** Writes a pins file: keys sorted, 2-space indent, trailing newline. */
export function writePins(projectDir: string, environment: string, pins: Record<string, string>): void {
  const file = pinsPath(projectDir, environment);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, formatPinFile(pins));
}

/** Runs `read`, turning its error into a `ReleaseError` (bad input, exit code 2) with the same message. */
function asReleaseError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new ReleaseError((error as Error).message);
  }
}

// Stable ordering lives in lib/core/sorting; re-exported under the names the release engine uses.
export { compareStrings, sortedRecord as sortKeys };

/** Throws unless `name` is a valid environment name. */
export function assertEnvironmentName(name: string, option: string): void {
  if (!ENVIRONMENT_NAME.test(name)) {
    throw new ReleaseError(`${option} "${name}" is not a valid environment name; use 2-12 lower-case letters and digits, starting with a letter, such as "dev"`);
  }
}
