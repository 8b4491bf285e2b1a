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

/** Per environment: the number of changed files, the app changes, and the files (`verbose`). */
export function formatEnvironments(environments: readonly EnvironmentChange[], verbose = false): string {
  return environments
    .map((e) => {
      const files = verbose ? e.files.map((f) => `    ${f.status} ${f.path}\n`).join("") : "";
      const apps = e.apps.map((a) => `    app ${a.app}: ${a.from === a.to ? `${a.files.length} file(s) changed` : `${a.from ?? "(new)"} -> ${a.to ?? "(removed)"}`}\n`).join("");
      return `  ${e.environment}: ${e.files.length} file(s) changed\n${apps}${files}`;
    })
    .join("");
}

/** Files verify lists without `--verbose` (the first ones; the count says how many more). */
const VERIFY_FILE_LIMIT = 50;

/** The files `verify` found different: missing, extra or modified. */
export function differingFiles(result: CompareResult, verbose = false): string {
  const line = (f: { status: string; path: string }): string => `  ${f.status === "A" ? "missing  " : f.status === "D" ? "extra    " : "modified "} ${f.path}\n`;
  if (verbose || result.plan.files.length <= VERIFY_FILE_LIMIT) return result.plan.files.map(line).join("");
  const shown = result.plan.files.slice(0, VERIFY_FILE_LIMIT).map(line).join("");
  return `${shown}  ... and ${result.plan.files.length - VERIFY_FILE_LIMIT} more (--verbose lists them all)\n`;
}
