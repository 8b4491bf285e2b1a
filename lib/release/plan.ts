import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createHash } from "crypto";
import { ReleaseError } from "./errors";
import { CommandTarget, FileChange, GitOpsWorkspace, RepositoryOptions, resolveTarget } from "./gitops-repository";
import { ENVIRONMENTS_FOLDER, layoutRelease, parseRelease, RELEASE_FILE, ReleaseLayout, stableJson } from "./layout";
import { assertEnvironmentName } from "./environment-option";
import { APPS_FOLDER } from "../core/gitops-layout";
import { compareStrings } from "../core/sorting";
import { readAllPins } from "./pins-files";
import { SourceInfo, sourceInfo } from "./source-repository";
import { synthesize } from "./synth";

/** Options shared by publish, diff and verify. */
export interface ReleaseInputOptions extends RepositoryOptions {
  /** Environments to consider. @default - all environments of the output (and bootstrap/) */
  readonly environments?: readonly string[];
  /** An existing synthesized cdktf.out folder. @default - synthesize with the app command of cdktf.json */
  readonly out?: string;
}

/** The change of one app in one environment. */
export interface AppChange {
  readonly environment: string;
  readonly app: string;
  /** Pinned image before (undefined: the app is new). */
  readonly from?: string;
  /** Pinned image after (undefined: the app is removed). */
  readonly to?: string;
  /** Changed files of the app's folder, relative to the repository. */
  readonly files: string[];
}

/** What a publish changes in one environment (or `bootstrap`). */
export interface EnvironmentChange {
  readonly environment: string;
  readonly files: FileChange[];
  readonly apps: AppChange[];
}

/** What a publish would change in the GitOps repository. */
export interface ReleasePlan {
  /** Every staged file change. */
  readonly files: FileChange[];
  /** Changes grouped by environment (`bootstrap` for bootstrap/). */
  readonly environments: EnvironmentChange[];
  /** The release layout that was applied. */
  readonly layout: ReleaseLayout;
}

/** Everything prepared before touching the GitOps repository. */
export interface PreparedRelease {
  readonly target: CommandTarget;
  readonly source: SourceInfo;
  readonly layout: ReleaseLayout;
  /** Removes the temporary synth folder. */
  readonly cleanup: () => void;
}

/** Synthesizes (or reads `out`), reads the pins and lays the release out. Nothing is written anywhere else. */
export function prepareRelease(options: ReleaseInputOptions): PreparedRelease {
  const env = options.env ?? process.env;
  const progress = options.progress ?? (() => undefined);
  for (const e of options.environments ?? []) assertEnvironmentName(e, "--env");
  const target = resolveTarget(options);
  const { cwd, projectDir } = target;
  const source = sourceInfo(projectDir, env);
  let outDir: string;
  let cleanup = (): void => undefined;
  if (options.out !== undefined) {
    outDir = path.resolve(cwd, options.out);
    if (!fs.existsSync(outDir)) throw new ReleaseError(`--out ${options.out} does not exist; pass a synthesized cdktf.out folder`);
  } else {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-gitops-synth-"));
    cleanup = () => fs.rmSync(outDir, { recursive: true, force: true });
    progress(`synthesizing ${projectDir}`);
    try {
      synthesize({ projectDir, outDir, env });
    } catch (e) {
      cleanup();
      throw e;
    }
  }
  try {
    const layout = layoutRelease({ outDir, pins: readAllPins(projectDir), sourceCommit: source.commit, environments: options.environments });
    return { target, source, layout, cleanup };
  } catch (e) {
    cleanup();
    throw e;
  }
}

/**
 * Applies a layout to a workspace and returns what changes. Files are compared by blob id (computed from the
 * output) with the branch head's tree, so no file of the repository is read except each environment's
 * release.json: an environment whose only difference is the source commit in it keeps the committed one, so
 * an unchanged output changes nothing.
 */
export function applyLayout(workspace: GitOpsWorkspace, layout: ReleaseLayout): ReleasePlan {
  // the committed release.json of each environment is read now, and again to keep it (keepCommittedRelease)
  workspace.prefetchCommitted(layout.environments.map((env) => `${ENVIRONMENTS_FOLDER}/${env}/${RELEASE_FILE}`));
  const before = appsPerEnvironment(workspace);
  workspace.stage(layout.scope, layout.blobs(workspace.objectFormat));
  const staged = workspace.stagedChanges();
  const kept = layout.environments.filter((env) => keepCommittedRelease(workspace, layout, env, staged));
  const changes = kept.length > 0 ? workspace.stagedChanges() : staged;
  return { files: changes, environments: summarize(changes, before, appsPerEnvironment(workspace)), layout };
}

/**
 * When every file of an environment but release.json is unchanged and release.json differs only in its source
 * commit, stages the committed release.json back (the release would change nothing but provenance). `staged`:
 * the changes before any environment's is kept (environments do not share files). True when it was kept.
 */
function keepCommittedRelease(workspace: GitOpsWorkspace, layout: ReleaseLayout, env: string, staged: readonly FileChange[]): boolean {
  const prefix = `${ENVIRONMENTS_FOLDER}/${env}/`;
  const releasePath = `${prefix}${RELEASE_FILE}`;
  const changed = staged.filter((c) => c.path.startsWith(prefix));
  if (changed.length !== 1 || changed[0].path !== releasePath || changed[0].status !== "M") return false;
  const committed = workspace.readCommitted(releasePath);
  const committedRelease = parseRelease(committed);
  if (committed === undefined || committedRelease === undefined) return false;
  // the committed file must be exactly what this publish writes, but for its source commit
  if (stableJson({ ...layout.releases[env], sourceCommit: committedRelease.sourceCommit }) !== committed) return false;
  workspace.replace([], new Map([[releasePath, Buffer.from(committed)]]));
  return true;
}

/** App → pinned image of every environment, from the release.json files as staged. */
function appsPerEnvironment(workspace: GitOpsWorkspace): Map<string, Record<string, string>> {
  const envs = workspace.environments();
  const texts = workspace.readFiles(envs.map((env) => `${ENVIRONMENTS_FOLDER}/${env}/${RELEASE_FILE}`));
  return new Map(envs.map((env) => [env, parseRelease(texts.get(`${ENVIRONMENTS_FOLDER}/${env}/${RELEASE_FILE}`))?.apps ?? {}]));
}

/** Groups file changes by environment and app, with pinned images before and after. */
export function summarize(changes: readonly FileChange[], before: Map<string, Record<string, string>>, after: Map<string, Record<string, string>>): EnvironmentChange[] {
  const byEnv = new Map<string, FileChange[]>();
  for (const change of changes) {
    const parts = change.path.split("/");
    const env = parts[0] === ENVIRONMENTS_FOLDER ? parts[1] : parts[0];
    const list = byEnv.get(env) ?? [];
    if (list.length === 0) byEnv.set(env, list);
    list.push(change);
  }
  const result: EnvironmentChange[] = [];
  for (const env of [...byEnv.keys()].sort(compareStrings)) {
    const files = byEnv.get(env)!;
    const old = before.get(env) ?? {};
    const now = after.get(env) ?? {};
    const appFiles = new Map<string, string[]>();
    const appsPrefix = `${ENVIRONMENTS_FOLDER}/${env}/${APPS_FOLDER}/`;
    for (const f of files) {
      const slash = f.path.startsWith(appsPrefix) ? f.path.indexOf("/", appsPrefix.length) : -1;
      if (slash < 0) continue;
      const app = f.path.slice(appsPrefix.length, slash);
      const list = appFiles.get(app) ?? [];
      if (list.length === 0) appFiles.set(app, list);
      list.push(f.path);
    }
    const names = new Set([...appFiles.keys(), ...Object.keys(old).filter((a) => old[a] !== now[a]), ...Object.keys(now).filter((a) => old[a] !== now[a])]);
    const apps = [...names].sort(compareStrings).map((app) => ({ environment: env, app, from: old[app], to: now[app], files: appFiles.get(app) ?? [] }));
    result.push({ environment: env, files, apps });
  }
  return result;
}

/** A release id: UTC time of the release and the first 8 hex digits of a hash of its content. */
export function makeReleaseId(date: Date, content: string): string {
  const stamp = date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  return `${stamp}-${createHash("sha256").update(content).digest("hex").slice(0, 8)}`;
}
