import * as fs from "fs";
import * as path from "path";
import { environmentLayers, GraphStack } from "../core/stack-graph";
import { ReleaseError } from "./errors";
import { RepositoryOptions, resolveTarget, withWorkspace } from "./gitops-repository";
import { BOOTSTRAP_FOLDER, ENVIRONMENTS_FOLDER, outputStacks, splitStackName, stableJson } from "./layout";
import { outputRoot } from "./output-paths";
import { blobId, hashAlgorithm } from "./tree";
import { compareStrings } from "./source";

/** Why a stack is planned. */
export type StackChangeStatus =
  /** Its synthesized JSON differs from the GitOps repository's (or the repository lacks it). */
  | "changed"
  /** Its JSON differs only by new outputs (they exist once it is applied; the stacks that read them wait for it). */
  | "outputs-added"
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

/** Reads the stack graph of a synthesized cdktf.out folder (names and paths checked: the output is untrusted). */
export function readStackGraph(outDir: string): { stacks: GraphStack[]; paths: Map<string, string> } {
  if (!fs.existsSync(outDir)) throw new ReleaseError(`--out ${outDir} does not exist; pass a synthesized cdktf.out folder`);
  const stacks = outputStacks(outputRoot(outDir), outDir);
  return { stacks: stacks.map((s) => ({ name: s.name, dependsOn: s.dependsOn })), paths: new Map(stacks.map((s) => [s.name, s.source])) };
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
  // Compare blob ids (no checkout): the committed file's id from the tree, the synthesized file's hashed here.
  return withWorkspace(options, target, (workspace) => {
    const publishedPath = (name: string): string => {
      const { environment, stack } = splitStackName(name);
      return environment === undefined ? `${BOOTSTRAP_FOLDER}/terraform/${stack}/cdk.tf.json` : `${ENVIRONMENTS_FOLDER}/${environment}/terraform/${stack}/cdk.tf.json`;
    };
    const synthesized = new Map(graph.stacks.map((s) => [s.name, fs.readFileSync(graph.paths.get(s.name)!)]));
    const algorithm = hashAlgorithm(workspace.head() ?? "");
    const published = workspace.blobIdsOf(graph.stacks.map((s) => publishedPath(s.name)));
    const differing = graph.stacks.filter((s) => published.get(publishedPath(s.name)) !== blobId(synthesized.get(s.name)!, algorithm)).map((s) => s.name);
    const committed = workspace.readFiles(differing.map(publishedPath));
    const changed = new Map<string, StackChangeKind>();
    const bootstrap: string[] = [];
    for (const name of differing) {
      const before = committed.get(publishedPath(name));
      if (splitStackName(name).environment === undefined) bootstrap.push(name);
      else changed.set(name, before !== undefined && onlyOutputsAdded(before, synthesized.get(name)!.toString("utf8")) ? "outputs-added" : "changed");
    }
    return touched(graph.stacks, options.environment, environments, changed, bootstrap);
  });
}

/**
 * How a stack's JSON changed: `outputs-added` when the only difference is new outputs (a stack that now exposes a
 * value to a new reader), else `changed`.
 */
export type StackChangeKind = "changed" | "outputs-added";

function withoutOutputs(json: Record<string, any>): Record<string, any> {
  const { output: _output, ...rest } = json;
  const meta = rest["//"];
  if (meta && typeof meta === "object") {
    const { outputs: _outputs, ...keep } = meta;
    rest["//"] = keep;
  }
  return rest;
}

/** True when `after` is `before` plus new outputs: every other block, and every existing output, is the same. */
export function onlyOutputsAdded(before: string, after: string): boolean {
  let old: Record<string, any>;
  let now: Record<string, any>;
  try {
    [old, now] = [JSON.parse(before), JSON.parse(after)];
  } catch {
    return false;
  }
  if (stableJson(withoutOutputs(old)) !== stableJson(withoutOutputs(now))) return false;
  const oldOutputs = old.output ?? {};
  const newOutputs = now.output ?? {};
  return Object.keys(oldOutputs).every((name) => name in newOutputs && stableJson(oldOutputs[name]) === stableJson(newOutputs[name]));
}

/**
 * The touched stacks of one environment, given the changed ones of every environment (pure; see `changedStacks`).
 * A change propagates to every stack downstream, except that a stack which only gained outputs touches only the
 * downstream stacks that changed themselves (the new readers): the outputs others read are as they were.
 */
export function touched(stacks: readonly GraphStack[], environment: string, environments: readonly string[], changed: ReadonlyMap<string, StackChangeKind>, bootstrap: readonly string[]): ChangedStacksResult {
  const dependents = new Map<string, string[]>();
  for (const stack of stacks) for (const dep of stack.dependsOn) dependents.set(dep, [...(dependents.get(dep) ?? []), stack.name]);
  const propagates = (name: string): boolean => changed.get(name) !== "outputs-added";
  const pending = new Set<string>();
  const queue = [...changed.keys()];
  while (queue.length > 0) {
    const from = queue.pop()!;
    for (const next of dependents.get(from) ?? []) {
      if ((propagates(from) || changed.has(next)) && !pending.has(next)) {
        pending.add(next);
        queue.push(next);
      }
    }
  }
  const affected = new Set([...changed.keys(), ...pending]);
  const layers = environmentLayers(stacks, environment, environments);
  const count = Math.max(0, ...layers.values()) + 1;
  const byLayer: string[][] = Array.from({ length: count }, () => []);
  const result: ChangedStack[] = [];
  for (const stack of [...stacks].sort((a, b) => layers.get(a.name)! - layers.get(b.name)! || compareStrings(a.name, b.name))) {
    if (!layers.has(stack.name) || !affected.has(stack.name)) continue;
    const layer = layers.get(stack.name)!;
    const upstream = stack.dependsOn.filter((d) => affected.has(d) && (propagates(d) || changed.has(stack.name)));
    result.push({ name: stack.name, layer, status: changed.get(stack.name) ?? "downstream", ready: !pending.has(stack.name), upstream });
    byLayer[layer].push(stack.name);
  }
  return { environment, stacks: result, layers: byLayer, bootstrap: [...bootstrap] };
}
