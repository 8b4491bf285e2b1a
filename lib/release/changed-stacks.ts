import * as fs from "fs";
import * as path from "path";
import { downstreamOf, environmentLayers, GraphStack } from "../core/stack-graph";
import { ReleaseError } from "./errors";
import { openWorkspace, RepositoryOptions, resolveTarget } from "./gitops-repository";
import { BOOTSTRAP_FOLDER, ENVIRONMENTS_FOLDER, splitStackName } from "./layout";
import { compareStrings } from "./source";

/** Why a stack is planned. */
export type StackChangeStatus =
  /** Its synthesized JSON differs from the GitOps repository's (or the repository lacks it). */
  | "changed"
  /** Its JSON is unchanged, but it reads outputs of a changed stack (its inputs are known only after that apply). */
  | "downstream";

/** One stack a change touches. */
export interface ChangedStack {
  readonly name: string;
  /** Layer within its environment (jobs run layer by layer). */
  readonly layer: number;
  readonly status: StackChangeStatus;
  /**
   * True when no stack it depends on is touched: its plan is final now. False: "pending upstream", planned only
   * after `upstream` is applied.
   */
  readonly ready: boolean;
  /** The touched stacks it depends on directly (why it waits). */
  readonly upstream: string[];
}

/** What a change touches in one environment, in dependency order. */
export interface ChangedStacksResult {
  readonly environment: string;
  /** Touched stacks, by layer then name (dependency order). */
  readonly stacks: ChangedStack[];
  /** Touched stack names per layer, for every layer of the environment (empty lists included). */
  readonly layers: string[][];
  /** Bootstrap stacks (no environment) whose JSON changed: never applied by a pipeline, apply them by hand. */
  readonly bootstrap: string[];
}

/** Options of `changedStacks`. */
export interface ChangedStacksOptions extends RepositoryOptions {
  /** The environment. */
  readonly environment: string;
  /** A synthesized cdktf.out folder. */
  readonly out: string;
}

interface Manifest {
  readonly stacks: Record<string, { readonly synthesizedStackPath: string; readonly dependencies?: string[] }>;
}

/** Reads the stack graph of a synthesized cdktf.out folder. */
export function readStackGraph(outDir: string): { stacks: GraphStack[]; paths: Map<string, string> } {
  const file = path.join(outDir, "manifest.json");
  if (!fs.existsSync(file)) throw new ReleaseError(`${outDir} holds no manifest.json; pass a synthesized cdktf.out folder with --out`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Manifest;
  const names = Object.keys(manifest.stacks ?? {}).sort(compareStrings);
  return {
    stacks: names.map((name) => ({ name, dependsOn: [...(manifest.stacks[name].dependencies ?? [])].sort(compareStrings) })),
    paths: new Map(names.map((name) => [name, path.join(outDir, manifest.stacks[name].synthesizedStackPath)])),
  };
}

/**
 * The stacks of an environment a change touches: those whose synthesized JSON differs from what the GitOps
 * repository holds (`environments/<env>/terraform/<stack>/cdk.tf.json`), and every stack downstream of them (it
 * reads their outputs). A touched stack with a touched stack upstream is "pending upstream": plan it after that
 * apply. Unchanged stacks with nothing changed upstream are never touched. Bootstrap stacks are compared with
 * `bootstrap/terraform/<stack>/cdk.tf.json` and only reported.
 */
export function changedStacks(options: ChangedStacksOptions): ChangedStacksResult {
  const target = resolveTarget(options);
  const outDir = path.resolve(target.cwd, options.out);
  const graph = readStackGraph(outDir);
  const environments = [...new Set(graph.stacks.map((s) => splitStackName(s.name).environment).filter((e): e is string => e !== undefined))];
  if (!environments.includes(options.environment)) {
    throw new ReleaseError(`unknown environment "${options.environment}"; the synthesized output has: ${environments.sort(compareStrings).join(", ") || "(none)"}`);
  }
  const workspace = openWorkspace(options, target);
  try {
    const differs = (name: string): boolean => {
      const { environment, stack } = splitStackName(name);
      const published = environment === undefined ? `${BOOTSTRAP_FOLDER}/terraform/${stack}/cdk.tf.json` : `${ENVIRONMENTS_FOLDER}/${environment}/terraform/${stack}/cdk.tf.json`;
      const committed = fs.existsSync(path.join(workspace.dir, published)) ? fs.readFileSync(path.join(workspace.dir, published)) : undefined;
      return committed === undefined || Buffer.compare(committed, fs.readFileSync(graph.paths.get(name)!)) !== 0;
    };
    const changed = new Set(graph.stacks.filter((s) => splitStackName(s.name).environment !== undefined && differs(s.name)).map((s) => s.name));
    const bootstrap = graph.stacks.filter((s) => splitStackName(s.name).environment === undefined && differs(s.name)).map((s) => s.name);
    return touched(graph.stacks, options.environment, environments, changed, bootstrap);
  } finally {
    workspace.dispose();
  }
}

/** The touched stacks of one environment, given the changed ones of every environment (pure; see `changedStacks`). */
export function touched(stacks: readonly GraphStack[], environment: string, environments: readonly string[], changed: ReadonlySet<string>, bootstrap: readonly string[]): ChangedStacksResult {
  const pending = downstreamOf(stacks, changed);
  const affected = new Set([...changed, ...pending]);
  const layers = environmentLayers(stacks, environment, environments);
  const count = Math.max(0, ...layers.values()) + 1;
  const byLayer: string[][] = Array.from({ length: count }, () => []);
  const result: ChangedStack[] = [];
  for (const stack of [...stacks].sort((a, b) => layers.get(a.name)! - layers.get(b.name)! || compareStrings(a.name, b.name))) {
    if (!layers.has(stack.name) || !affected.has(stack.name)) continue;
    const layer = layers.get(stack.name)!;
    const upstream = stack.dependsOn.filter((d) => affected.has(d));
    result.push({ name: stack.name, layer, status: changed.has(stack.name) ? "changed" : "downstream", ready: !pending.has(stack.name), upstream });
    byLayer[layer].push(stack.name);
  }
  return { environment, stacks: result, layers: byLayer, bootstrap: [...bootstrap] };
}
