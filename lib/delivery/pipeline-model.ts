import { environmentLayers, GraphStack, stackEnvironment } from "../core/stack-graph";
import { ResolvedDelivery } from "../environment/delivery-spec";
import { Platform } from "../environment/resolve-platform";

/** One environment as the pipelines see it. */
export interface PipelineEnvironment {
  readonly name: string;
  readonly tier: string;
  /** The environment it is promoted from (its chain runs after that one's release). */
  readonly promotesFrom?: string;
  /** Number of stack layers (jobs per layer: plan, then apply). */
  readonly layers: number;
  /** Stacks by layer, as synthesized (for the docs and tests; the pipeline finds touched stacks at run time). */
  readonly stacksByLayer: readonly (readonly string[])[];
  /** Managed Grafana of the environment (release annotations). */
  readonly grafana: { readonly name: string; readonly resourceGroup: string };
}

/** Everything the pipeline generators read: the delivery settings and the stack graph, laid out by environment. */
export interface PipelineModel {
  readonly project: string;
  readonly delivery: ResolvedDelivery;
  /** Environments in promotion order (each after the one it is promoted from). */
  readonly environments: readonly PipelineEnvironment[];
  /** Stacks without an environment (state, delivery, governance): applied by hand, never by a pipeline. */
  readonly bootstrapStacks: readonly string[];
}

/** Environments ordered so each comes after the one it is promoted from (declaration order otherwise). */
export function promotionOrder<T extends { readonly name: string; readonly promotesFrom?: string }>(environments: readonly T[]): T[] {
  const ordered: T[] = [];
  const placed = new Set<string>();
  const place = (env: T): void => {
    if (placed.has(env.name)) return;
    const source = environments.find((e) => e.name === env.promotesFrom);
    if (source && source !== env) place(source);
    placed.add(env.name);
    ordered.push(env);
  };
  environments.forEach(place);
  return ordered;
}

/** The pipeline model of a validated platform with delivery settings and its stack graph. */
export function pipelineModel(platform: Platform, stacks: readonly GraphStack[]): PipelineModel {
  if (!platform.delivery) throw new Error("pipelines: the platform has no delivery settings; set platform delivery");
  const names = platform.environments.map((e) => e.name);
  const environments = promotionOrder(platform.environments).map((env): PipelineEnvironment => {
    const layers = environmentLayers(stacks, env.name, names);
    const count = Math.max(0, ...layers.values()) + 1;
    const stacksByLayer = Array.from({ length: count }, (_, i) => [...layers.entries()].filter(([, l]) => l === i).map(([name]) => name).sort());
    return {
      name: env.name,
      tier: env.tier,
      promotesFrom: env.promotesFrom,
      layers: count,
      stacksByLayer,
      grafana: { name: env.names.of("managedGrafana"), resourceGroup: env.names.of("resourceGroup") },
    };
  });
  const bootstrapStacks = stacks.map((s) => s.name).filter((name) => stackEnvironment(name, names) === undefined).sort();
  return { project: platform.project, delivery: platform.delivery, environments, bootstrapStacks };
}
