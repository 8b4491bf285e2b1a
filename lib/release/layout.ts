import * as fs from "fs";
import * as path from "path";
import { ExitCode, ReleaseError } from "./errors";
import { assertPlainName, assertPublishableName, insideOutput, outputRoot } from "./output-paths";
import { ReleaseFiles, StagedBlobs } from "./output-reader";
import { addRootFiles } from "./root-files";
import { compareStrings, sortedRecord as sortKeys } from "../core/sorting";

import { APPS_FOLDER, BOOTSTRAP_FOLDER, ENVIRONMENTS_FOLDER, GITOPS_OUTPUT_FOLDER, RELEASE_FILE, TERRAFORM_FOLDER } from "../core/gitops-layout";

export { BOOTSTRAP_FOLDER, ENVIRONMENTS_FOLDER, RELEASE_FILE };

/** One Terraform stack of an environment, in apply order in `release.json`. */
export interface ReleaseStack {
  /** The cdktf stack name, e.g. `dev-platform`. */
  readonly name: string;
  /** Path of its cdk.tf.json relative to the environment folder, e.g. `terraform/platform/cdk.tf.json`. */
  readonly path: string;
  /** cdktf stack names it depends on (apply those first). */
  readonly dependsOn: string[];
}

/** Content of `environments/<env>/release.json`. */
export interface ReleaseManifest {
  /** App name → pinned image reference of the apps this release deploys. */
  readonly apps: Record<string, string>;
  /** The environment name. */
  readonly environment: string;
  /** Commit of the source repository the release was synthesized from (`<sha>`, `<sha>+dirty` or `none`). */
  readonly sourceCommit: string;
  /** The environment's Terraform stacks in dependency (apply) order. */
  readonly stacks: ReleaseStack[];
}

/** Options of `layoutRelease`. */
export interface LayoutOptions {
  /** The synthesized cdktf.out folder. */
  readonly outDir: string;
  /** Pins of each environment: env → app → image. */
  readonly pins: Record<string, Record<string, string>>;
  /** Source commit written into each release.json. */
  readonly sourceCommit: string;
  /** Environments to lay out. @default - every environment in the output, plus bootstrap/ */
  readonly environments?: readonly string[];
}

/** The files of a release in the GitOps repository. */
export interface ReleaseLayout {
  /** Repository path → file content, for the selected scope (the output's files read on first use). */
  readonly files: Map<string, Buffer>;
  /** The same files by blob id, the output's read and hashed now and read again only when a commit writes them. */
  blobs(algorithm: "sha1" | "sha256"): StagedBlobs;
  /** Every environment found in the synthesized output. */
  readonly available: string[];
  /** The environments laid out. */
  readonly environments: string[];
  /** Folders (with trailing slash) whose content the layout owns: files there that it lacks are deleted. */
  readonly scope: string[];
  /** The release.json of each laid-out environment. */
  readonly releases: Record<string, ReleaseManifest>;
  /** Pins that name an app the output does not deploy (`env/app`), reported as warnings. */
  readonly unusedPins: string[];
}

interface CdktfManifest {
  readonly stacks: Record<string, { readonly name?: string; readonly synthesizedStackPath: string; readonly dependencies?: string[] }>;
}

/** Splits a stack name at the first `-`: `dev-app-web` → `["dev", "app-web"]`; no `-` → no environment. */
export function splitStackName(name: string): { environment?: string; stack: string } {
  const dash = name.indexOf("-");
  return dash > 0 ? { environment: name.slice(0, dash), stack: name.slice(dash + 1) } : { stack: name };
}

/** JSON with keys sorted at every level, 2-space indent and a trailing newline. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortDeep(value), null, 2)}\n`;
}

function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (value && typeof value === "object") {
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort(compareStrings)) sorted[key] = sortDeep((value as Record<string, unknown>)[key]);
    return sorted;
  }
  return value;
}

/** Reads a release.json text; undefined when it is not one. */
export function parseRelease(text: string | undefined): ReleaseManifest | undefined {
  if (text === undefined) return undefined;
  try {
    const data = JSON.parse(text);
    if (!data || typeof data !== "object" || typeof data.apps !== "object") return undefined;
    return { apps: data.apps ?? {}, environment: String(data.environment ?? ""), sourceCommit: String(data.sourceCommit ?? ""), stacks: data.stacks ?? [] };
  } catch {
    return undefined;
  }
}

/** One stack of the output, its name and path checked (see output-paths.ts). */
export interface OutputStack {
  readonly name: string;
  readonly environment?: string;
  readonly stack: string;
  /** Absolute path of its cdk.tf.json, inside the output folder. */
  readonly source: string;
  readonly dependsOn: string[];
}

/**
 * Lays a synthesized cdktf.out out as the GitOps repository expects:
 * `environments/<env>/terraform/<stack>/cdk.tf.json`, `environments/<env>/<cdktf.out/gitops/<env>/...>`,
 * `environments/<env>/release.json`, and `bootstrap/terraform/<stack>/cdk.tf.json` for stacks without an
 * environment prefix (such as `state`). Identical input gives identical files. The output is untrusted: every
 * name and path is checked before anything is read, and nothing outside the output folder is read (exit code 2).
 */
export function layoutRelease(options: LayoutOptions): ReleaseLayout {
  const root = outputRoot(options.outDir);
  const stacks = outputStacks(root, options.outDir);
  const gitopsRoot = path.join(root, GITOPS_OUTPUT_FOLDER);
  const available = new Set(stacks.flatMap((s) => (s.environment ? [s.environment] : [])));
  if (fs.existsSync(gitopsRoot)) {
    for (const entry of fs.readdirSync(gitopsRoot, { withFileTypes: true })) {
      if (!entry.isDirectory() && !entry.isSymbolicLink()) continue;
      assertPlainName(entry.name, "environment folder gitops/");
      insideOutput(root, `gitops/${entry.name}`, "environment folder");
      available.add(entry.name);
    }
  }
  const availableList = [...available].sort(compareStrings);
  for (const env of options.environments ?? []) {
    if (!available.has(env)) {
      throw new ReleaseError(`unknown environment "${env}"; the synthesized output has: ${availableList.join(", ") || "(none)"}`);
    }
  }
  const selected = options.environments ? [...new Set(options.environments)].sort(compareStrings) : availableList;
  const includeBootstrap = options.environments === undefined;
  const files = new ReleaseFiles();
  for (const s of stacks) {
    if (s.environment === undefined && includeBootstrap) files.addOutput(`${BOOTSTRAP_FOLDER}/${TERRAFORM_FOLDER}/${s.stack}/cdk.tf.json`, s.source);
    if (s.environment !== undefined && selected.includes(s.environment)) files.addOutput(`${ENVIRONMENTS_FOLDER}/${s.environment}/${TERRAFORM_FOLDER}/${s.stack}/cdk.tf.json`, s.source);
  }
  const releases: Record<string, ReleaseManifest> = {};
  const unusedPins: string[] = [];
  for (const env of selected) {
    releases[env] = environmentRelease(root, env, stacks, files, options);
    for (const app of Object.keys(options.pins[env] ?? {})) if (releases[env].apps[app] === undefined) unusedPins.push(`${env}/${app}`);
  }
  const envScope = includeBootstrap ? [`${ENVIRONMENTS_FOLDER}/`, `${BOOTSTRAP_FOLDER}/`] : selected.map((env) => `${ENVIRONMENTS_FOLDER}/${env}/`);
  const scope = [...envScope, ...addRootFiles(root, files)];
  // every name and path is checked by now; the contents are read when first asked for (see ReleaseFiles)
  return { get files() { return files.read(); }, blobs: (algorithm) => files.blobs(algorithm), available: availableList, environments: selected, scope, releases, unusedPins };
}

/** The stacks of manifest.json, every name and path checked before any stack file is read. */
/** The stacks of an output folder, every name and path checked (the output is untrusted). */
export function outputStacks(root: string, outDir: string): OutputStack[] {
  const manifestFile = path.join(root, "manifest.json");
  if (!fs.existsSync(manifestFile)) {
    throw new ReleaseError(`${outDir} holds no manifest.json; pass a synthesized cdktf.out folder or omit --out to synthesize`, ExitCode.SYNTH);
  }
  let manifest: CdktfManifest;
  try {
    manifest = JSON.parse(fs.readFileSync(insideOutput(root, "manifest.json", "manifest"), "utf8")) as CdktfManifest;
  } catch (error) {
    if (error instanceof ReleaseError) throw error;
    throw new ReleaseError(`${outDir}/manifest.json is not valid JSON (${(error as Error).message}); synthesize again`, ExitCode.SYNTH);
  }
  const entries = manifest && typeof manifest.stacks === "object" && manifest.stacks !== null ? manifest.stacks : {};
  return Object.keys(entries)
    .sort(compareStrings)
    .map((name) => {
      const { environment, stack } = splitStackName(name);
      assertPlainName(name, "stack name");
      if (environment !== undefined) assertPlainName(environment, `environment of stack ${name}:`);
      const entry = entries[name];
      const source = insideOutput(root, entry?.synthesizedStackPath, `synthesizedStackPath of stack ${name}`);
      const dependsOn = [...(Array.isArray(entry.dependencies) ? entry.dependencies : [])].map(String).sort(compareStrings);
      return { name, environment, stack, source, dependsOn };
    });
}

/** Adds an environment's GitOps files and release.json to `files`; returns its release.json. */
function environmentRelease(root: string, env: string, stacks: readonly OutputStack[], files: ReleaseFiles, options: LayoutOptions): ReleaseManifest {
  const envGitops = path.join(root, GITOPS_OUTPUT_FOLDER, env);
  for (const file of listFiles(envGitops, root)) files.addOutput(`${ENVIRONMENTS_FOLDER}/${env}/${file}`, `${envGitops}${path.sep}${file}`);
  const ordered = applyOrder(stacks.filter((s) => s.environment === env).map((s) => ({ name: s.name, path: `${TERRAFORM_FOLDER}/${s.stack}/cdk.tf.json`, dependsOn: s.dependsOn })));
  const deployed = new Set<string>();
  for (const s of ordered) {
    const match = /^app-(.+)$/.exec(splitStackName(s.name).stack);
    if (match) deployed.add(match[1]);
  }
  const appsFolder = path.join(envGitops, APPS_FOLDER);
  if (fs.existsSync(appsFolder)) {
    for (const entry of fs.readdirSync(appsFolder, { withFileTypes: true })) if (entry.isDirectory()) deployed.add(entry.name);
  }
  const apps: Record<string, string> = {};
  for (const [app, image] of Object.entries(options.pins[env] ?? {})) if (deployed.has(app)) apps[app] = image;
  const release: ReleaseManifest = { apps: sortKeys(apps), environment: env, sourceCommit: options.sourceCommit, stacks: ordered };
  files.set(`${ENVIRONMENTS_FOLDER}/${env}/${RELEASE_FILE}`, Buffer.from(stableJson(release)));
  return release;
}

/** Stacks in dependency order (a stack after the stacks of the same environment it depends on), ties by name. */
function applyOrder(stacks: ReleaseStack[]): ReleaseStack[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const done = new Set<string>();
  const ordered: ReleaseStack[] = [];
  const pending = [...stacks].sort((a, b) => compareStrings(a.name, b.name));
  while (pending.length > 0) {
    const index = pending.findIndex((s) => s.dependsOn.every((d) => !byName.has(d) || done.has(d)));
    const next = pending.splice(index === -1 ? 0 : index, 1)[0];
    done.add(next.name);
    ordered.push(next);
  }
  return ordered;
}

/**
 * Files below a folder, relative, with `/` separators, sorted; empty when the folder is absent. With `within`
 * (the output root), a symlink is followed only to a file inside it; one that leads out, or to a folder, is
 * refused (exit code 2), and every name is checked to be publishable.
 */
export function listFiles(dir: string, within?: string): string[] {
  const result: string[] = [];
  const walk = (folder: string, prefix: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (within !== undefined) assertPublishableName(entry.name, relative, "file");
      if (entry.isDirectory()) walk(path.join(folder, entry.name), relative);
      else if (entry.isFile()) result.push(relative);
      else if (entry.isSymbolicLink() && within !== undefined) {
        const target = insideOutput(within, path.relative(within, path.join(folder, entry.name)).split(path.sep).join("/"), "file");
        if (!fs.statSync(target).isFile()) throw new ReleaseError(`--out: ${relative} is a symlink to a folder; copy the folder into the output instead`);
        result.push(relative);
      }
    }
  };
  if (fs.existsSync(dir)) walk(dir, "");
  return result.sort(compareStrings);
}
