import * as fs from "fs";
import * as path from "path";
import { ENVIRONMENT_DESCRIPTOR_FILE, parseEnvironmentDescriptor } from "./environment-descriptor";
import { ExitCode, ReleaseError } from "./errors";
import { splitStackName } from "./layout";
import { compareStrings } from "../core/sorting";

/** One Terraform stack of the synthesized app. */
export interface GraphStack {
  /** The cdktf stack name, e.g. `dev-platform`. */
  readonly name: string;
  /** Its environment, or undefined for a bootstrap stack such as `state`. */
  readonly environment?: string;
  /** Stacks it depends on (applied before it), sorted. */
  readonly dependsOn: string[];
}

/** One environment and where its releases come from. */
export interface GraphEnvironment {
  readonly name: string;
  readonly tier: string;
  readonly sync: string;
  /** The environment it is promoted from; undefined at the start of a chain. */
  readonly promotesFrom?: string;
}

/** The stack graph and the promotion chain of a synthesized platform. */
export interface PlatformGraph {
  /** Stacks sorted by name. */
  readonly stacks: GraphStack[];
  /** Environments in promotion order (each after the one it promotes from), ties by name. */
  readonly environments: GraphEnvironment[];
}

/**
 * Reads the graph from a synthesized cdktf.out folder: the stacks and their dependencies from manifest.json,
 * the environments and their promotion sources from `gitops/<env>/environment.json`.
 */
export function readPlatformGraph(outDir: string): PlatformGraph {
  const manifestFile = path.join(outDir, "manifest.json");
  if (!fs.existsSync(manifestFile)) throw new ReleaseError(`${outDir} has no manifest.json; synthesize first or pass a cdktf.out folder to --out`, ExitCode.SYNTH);
  let manifest: { stacks?: Record<string, { name?: string; dependencies?: string[] }> };
  try {
    manifest = JSON.parse(fs.readFileSync(manifestFile, "utf8"));
  } catch (error) {
    throw new ReleaseError(`${manifestFile}: is not valid JSON (${(error as Error).message}); synthesize again`, ExitCode.SYNTH);
  }
  const environmentNames = new Set<string>();
  const gitopsDir = path.join(outDir, "gitops");
  const environments: GraphEnvironment[] = [];
  if (fs.existsSync(gitopsDir)) {
    for (const name of fs.readdirSync(gitopsDir).sort(compareStrings)) {
      const file = path.join(gitopsDir, name, ENVIRONMENT_DESCRIPTOR_FILE);
      const descriptor = parseEnvironmentDescriptor(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined);
      if (!descriptor) continue;
      environmentNames.add(descriptor.environment);
      environments.push({ name: descriptor.environment, tier: descriptor.tier, sync: descriptor.sync, promotesFrom: descriptor.promotesFrom });
    }
  }
  const stacks = Object.entries(manifest.stacks ?? {})
    .map(([key, stack]) => {
      const name = stack.name ?? key;
      const { environment } = splitStackName(name);
      return { name, environment: environment !== undefined && environmentNames.has(environment) ? environment : undefined, dependsOn: [...(stack.dependencies ?? [])].sort(compareStrings) };
    })
    .sort((a, b) => compareStrings(a.name, b.name));
  return { stacks, environments: promotionOrder(environments) };
}

/** Environments ordered so each comes after the one it promotes from (a source missing from the list counts as none). */
export function promotionOrder(environments: readonly GraphEnvironment[]): GraphEnvironment[] {
  const byName = new Map(environments.map((e) => [e.name, e]));
  const depth = (e: GraphEnvironment, seen: Set<string> = new Set()): number => {
    const source = e.promotesFrom !== undefined ? byName.get(e.promotesFrom) : undefined;
    if (!source || seen.has(e.name)) return 0;
    seen.add(e.name);
    return 1 + depth(source, seen);
  };
  return [...environments].sort((a, b) => depth(a) - depth(b) || compareStrings(a.name, b.name));
}
