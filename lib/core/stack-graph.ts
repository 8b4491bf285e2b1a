/**
 * The Terraform stack graph as plain data, shared by the pipeline generators (which lay jobs out by layer) and the
 * release commands (which find the stacks a change touches): stack names, their dependencies, the environment a
 * stack belongs to (`<env>-<stack>`; stacks without an environment are bootstrap stacks applied by hand) and its
 * layer (the longest path to it from a stack of the same environment without dependencies there).
 */

/** A stack and the stacks it depends on. */
export interface GraphStack {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

/** The environment of a stack named `<env>-<rest>` among the given environments, or undefined (a bootstrap stack). */
export function stackEnvironment(name: string, environments: readonly string[]): string | undefined {
  return environments.find((env) => name.startsWith(`${env}-`));
}

/**
 * Layer of each stack of one environment: 0 without dependencies inside the environment, else one more than its
 * deepest dependency there. Stacks of one layer never depend on each other, so they can run in parallel.
 * Throws on a cycle (cdktf refuses those too).
 */
export function environmentLayers(stacks: readonly GraphStack[], environment: string, environments: readonly string[]): Map<string, number> {
  const own = new Map(stacks.filter((s) => stackEnvironment(s.name, environments) === environment).map((s) => [s.name, s]));
  const layers = new Map<string, number>();
  const visiting = new Set<string>();
  const layerOf = (name: string): number => {
    const known = layers.get(name);
    if (known !== undefined) return known;
    if (visiting.has(name)) throw new Error(`stack graph: ${name} depends on itself through other stacks; remove the cycle`);
    visiting.add(name);
    const deps = own.get(name)!.dependsOn.filter((d) => own.has(d));
    const layer = deps.length === 0 ? 0 : 1 + Math.max(...deps.map(layerOf));
    visiting.delete(name);
    layers.set(name, layer);
    return layer;
  };
  for (const name of [...own.keys()].sort()) layerOf(name);
  return layers;
}

/** The number of layers of each environment (at least 1). */
export function layerCounts(stacks: readonly GraphStack[], environments: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const env of environments) counts[env] = Math.max(0, ...environmentLayers(stacks, env, environments).values()) + 1;
  return counts;
}
