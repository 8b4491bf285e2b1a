import type { EnvironmentChange } from "../release/plan";
import type { CompareResult } from "../release/verify";

/** The `--json` output of `diff` and `verify`. */
export function compareJson(result: CompareResult): unknown {
  return {
    ok: true,
    upToDate: result.upToDate,
    repository: result.repository,
    branch: result.branch,
    sourceCommit: result.sourceCommit,
    files: result.plan.files,
    environments: result.plan.environments,
  };
}

/** Per environment: the number of changed files, the app changes, and the files. */
export function formatEnvironments(environments: readonly EnvironmentChange[]): string {
  return environments
    .map((e) => {
      const files = e.files.map((f) => `    ${f.status} ${f.path}\n`).join("");
      const apps = e.apps.map((a) => `    app ${a.app}: ${a.from === a.to ? `${a.files.length} file(s) changed` : `${a.from ?? "(new)"} -> ${a.to ?? "(removed)"}`}\n`).join("");
      return `  ${e.environment}: ${e.files.length} file(s) changed\n${apps}${files}`;
    })
    .join("");
}
