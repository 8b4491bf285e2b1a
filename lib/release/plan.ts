import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { createHash } from "crypto";
import { ReleaseError } from "./errors";
import { CommandTarget, FileChange, GitOpsWorkspace, RepositoryOptions, resolveTarget } from "./gitops-repository";
import { ENVIRONMENTS_FOLDER, layoutRelease, parseRelease, RELEASE_FILE, ReleaseLayout, stableJson } from "./layout";
import { assertEnvironmentName, compareStrings, readAllPins, SourceInfo, sourceInfo } from "./source";
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
 * Applies a layout to a workspace and returns what changes. An environment whose only difference is the
 * source commit in release.json keeps its committed release.json, so an unchanged output changes nothing.
 */
export function applyLayout(workspace: GitOpsWorkspace, layout: ReleaseLayout): ReleasePlan {
  const files = new Map(layout.files);
  for (const env of layout.environments) {
    const releasePath = `${ENVIRONMENTS_FOLDER}/${env}/${RELEASE_FILE}`;
    const committed = workspace.readFile(releasePath);
    const committedRelease = parseRelease(committed);
    if (committed === undefined || committedRelease === undefined) continue;
    // the committed file must be exactly what this publish writes, but for its source commit
    if (stableJson({ ...layout.releases[env], sourceCommit: committedRelease.sourceCommit }) !== committed) continue;
    const prefix = `${ENVIRONMENTS_FOLDER}/${env}/`;
    const produced = [...files.keys()].filter((f) => f.startsWith(prefix) && f !== releasePath).sort(compareStrings);
    const tracked = workspace.trackedFiles(prefix).filter((f) => f !== releasePath);
    const same = produced.length === tracked.length && produced.every((f, i) => f === tracked[i] && Buffer.compare(files.get(f)!, fs.readFileSync(path.join(workspace.dir, f))) === 0);
    if (same) files.set(releasePath, Buffer.from(committed));
  }
  const before = new Map<string, Record<string, string>>();
  for (const env of workspace.environments()) before.set(env, parseRelease(workspace.readFile(`${ENVIRONMENTS_FOLDER}/${env}/${RELEASE_FILE}`))?.apps ?? {});
  workspace.replace(layout.scope, files);
  const changes = workspace.stagedChanges();
  const after = new Map<string, Record<string, string>>();
  for (const env of workspace.environments()) after.set(env, parseRelease(workspace.readFile(`${ENVIRONMENTS_FOLDER}/${env}/${RELEASE_FILE}`))?.apps ?? {});
  return { files: changes, environments: summarize(changes, before, after), layout };
}

/** Groups file changes by environment and app, with pinned images before and after. */
export function summarize(changes: readonly FileChange[], before: Map<string, Record<string, string>>, after: Map<string, Record<string, string>>): EnvironmentChange[] {
  const byEnv = new Map<string, FileChange[]>();
  for (const change of changes) {
    const parts = change.path.split("/");
    const env = parts[0] === ENVIRONMENTS_FOLDER ? parts[1] : parts[0];
    byEnv.set(env, [...(byEnv.get(env) ?? []), change]);
  }
  const result: EnvironmentChange[] = [];
  for (const env of [...byEnv.keys()].sort(compareStrings)) {
    const files = byEnv.get(env)!;
    const old = before.get(env) ?? {};
    const now = after.get(env) ?? {};
    const appFiles = new Map<string, string[]>();
    for (const f of files) {
      const match = new RegExp(`^${ENVIRONMENTS_FOLDER}/${env}/apps/([^/]+)/`).exec(f.path);
      if (match) appFiles.set(match[1], [...(appFiles.get(match[1]) ?? []), f.path]);
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
