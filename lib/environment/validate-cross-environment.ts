import { cidrsOverlap, parseCidr } from "./cidr";
import { EnvironmentSpec, TIERS } from "./environment-spec";

/** Rules across environments: unique names, disjoint address spaces, a promotion chain without cycles. */
export function crossEnvironmentProblems(environments: readonly EnvironmentSpec[]): string[] {
  return [...duplicateNameProblems(environments), ...overlapProblems(environments), ...promotionProblems(environments), ...cycleProblems(environments)];
}

function duplicateNameProblems(environments: readonly EnvironmentSpec[]): string[] {
  const names = environments.map((env) => env.name);
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))].map(
    (name) => `environments/${name}: name "${name}" is used by more than one environment; environment names must be unique`,
  );
}

function overlapProblems(environments: readonly EnvironmentSpec[]): string[] {
  const problems: string[] = [];
  const parsed = environments.map((env) => ({ env, cidr: parseCidr(env.addressSpace) }));
  parsed.forEach((a, i) => {
    for (const b of parsed.slice(i + 1)) {
      if (a.cidr && b.cidr && cidrsOverlap(a.cidr, b.cidr)) {
        problems.push(
          `environments/${b.env.name}: addressSpace "${b.env.addressSpace}" overlaps "${a.env.addressSpace}" of environment "${a.env.name}"; give each environment its own range`,
        );
      }
    }
  });
  return problems;
}

function promotionProblems(environments: readonly EnvironmentSpec[]): string[] {
  const problems: string[] = [];
  const byName = new Map(environments.map((env) => [env.name, env]));
  for (const env of environments) {
    const at = `environments/${env.name}`;
    if (env.promotesFrom === undefined) continue;
    const source = byName.get(env.promotesFrom);
    if (env.promotesFrom === env.name) {
      problems.push(`${at}: promotesFrom "${env.promotesFrom}" is the environment itself; promote from an earlier environment`);
    } else if (!source) {
      problems.push(`${at}: promotesFrom "${env.promotesFrom}" is not a known environment; use one of ${[...byName.keys()].join(", ")}`);
    } else if (TIERS.indexOf(source.tier) > TIERS.indexOf(env.tier)) {
      problems.push(`${at}: promotesFrom "${source.name}" is a ${source.tier} environment, above this ${env.tier} one; promote from a lower tier`);
    }
  }
  return problems;
}

function cycleProblems(environments: readonly EnvironmentSpec[]): string[] {
  const problems: string[] = [];
  const byName = new Map(environments.map((env) => [env.name, env]));
  for (const env of environments) {
    const chain = [env.name];
    let next = byName.get(env.name)?.promotesFrom;
    while (next !== undefined && byName.has(next) && next !== env.name && !chain.includes(next)) {
      chain.push(next);
      next = byName.get(next)?.promotesFrom;
    }
    if (next === env.name && chain.length > 1 && env.name === [...chain].sort()[0]) {
      problems.push(`environments/${env.name}: promotion chain has a cycle (${[...chain, env.name].join(" <- ")}); remove one promotesFrom`);
    }
  }
  return problems;
}
