import * as fs from "fs";
import * as path from "path";
import { addFileSynthesis } from "../core/file-synthesis";
import { ISynthesisSession } from "cdktf/lib/synthesize/types";
import { Construct } from "constructs";
import { KubernetesObject, validateKubernetesObject } from "./kubernetes-object";
import { toYaml, YamlValue } from "./to-yaml";
import { BackgroundWrites } from "../core/background-writes";
import { compareStrings } from "../core/sorting";
import { GITOPS_OUTPUT_FOLDER } from "../core/gitops-layout";

/** Props of a `GitOpsManifests`. */
export interface GitOpsManifestsProps {
  /** The environment the manifests belong to. */
  readonly environment: string;
  /**
   * Folder inside the environment's folder of the GitOps repository, e.g. `apps/web` or `infrastructure`.
   * Files land in `<outdir>/gitops/<environment>/<folder>/` at synth time.
   */
  readonly folder: string;
}

const FOLDER = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\/[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Throws, naming `where`, unless `folder` is a clean relative folder of lower-case segments such as `apps/web`. */
export function assertGitOpsFolder(where: string, folder: string): void {
  if (!FOLDER.test(folder)) {
    throw new Error(`${where}: folder "${folder}" is not valid; use lower-case path segments such as "apps/web"`);
  }
}

/** The folders created so far in each synthesis session (keyed by its manifest); the first write clears `gitops/`. */
const sessionFolders = new WeakMap<object, Set<string>>();

/**
 * Writes files below `<outdir>/gitops/` (paths relative to it). The first call of a synth session clears that
 * folder, so files that are no longer produced leave nothing stale behind.
 */
export function writeGitOpsFiles(session: ISynthesisSession, files: Readonly<Record<string, string>>): void {
  const root = path.join(session.outdir, GITOPS_OUTPUT_FOLDER);
  let folders = sessionFolders.get(session.manifest);
  if (!folders) {
    folders = new Set();
    sessionFolders.set(session.manifest, folders);
    fs.rmSync(root, { recursive: true, force: true });
  }
  const background = BackgroundWrites.of(session.manifest);
  for (const [file, text] of Object.entries(files)) {
    const target = path.join(root, file);
    if (background) {
      background.write(target, text);
      continue;
    }
    const folder = path.dirname(target);
    if (!folders.has(folder)) {
      fs.mkdirSync(folder, { recursive: true });
      folders.add(folder);
    }
    fs.writeFileSync(target, text);
  }
}

/**
 * Kubernetes objects that are written as YAML at synth time, one object per file named
 * `<kind>-<name>.yaml` (lower case), keys sorted, so identical input gives byte-identical files.
 * Every object is validated against its upstream schema when added.
 * The first writer of a synth session clears `<outdir>/gitops/` (see `writeGitOpsFiles`), so objects that
 * are no longer produced leave no stale files behind.
 */
export class GitOpsManifests extends Construct {
  /** The environment the manifests belong to. */
  public readonly environment: string;
  /** Folder inside the environment's folder, e.g. `apps/web`. */
  public readonly folder: string;
  private readonly objectsByFile = new Map<string, KubernetesObject>();

  constructor(scope: Construct, id: string, props: GitOpsManifestsProps) {
    super(scope, id);
    assertGitOpsFolder(this.node.path, props.folder);
    this.environment = props.environment;
    this.folder = props.folder;
    addFileSynthesis(this, (session) => writeGitOpsFiles(session, this.render()));
  }

  /** Validates and adds objects. Throws when an object breaks its schema or two objects get the same file. */
  public add(...objects: KubernetesObject[]): void {
    for (const object of objects) {
      validateKubernetesObject(object, this.node.path);
      const file = manifestFileName(object);
      if (this.objectsByFile.has(file)) {
        throw new Error(`${this.node.path}: two objects would be written to ${file}; give each ${object.kind} its own name`);
      }
      this.objectsByFile.set(file, object);
    }
  }

  /** The objects, in file-name order. */
  public get objects(): KubernetesObject[] {
    return [...this.renderEntries()].map(([, object]) => object);
  }

  /** The files this construct writes: path relative to `<outdir>/gitops/` → YAML text. */
  public render(): Record<string, string> {
    const files: Record<string, string> = {};
    for (const [file, object] of this.renderEntries()) {
      files[`${this.environment}/${this.folder}/${file}`] = toYaml(object as YamlValue);
    }
    return files;
  }

  private renderEntries(): [string, KubernetesObject][] {
    return [...this.objectsByFile.entries()].sort(([a], [b]) => compareStrings(a, b));
  }
}

/** The file a `GitOpsManifests` writes an object to: `<kind>-<name>.yaml`, lower case kind. */
export function manifestFileName(object: KubernetesObject): string {
  return `${object.kind.toLowerCase()}-${object.metadata.name}.yaml`;
}
