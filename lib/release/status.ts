import { resolveTarget, withWorkspace } from "./gitops-repository";
import { environmentHistory, ReleaseEntry } from "./history";
import { ReleaseInputOptions } from "./plan";
import { compareStrings } from "../core/sorting";
import { diff } from "./verify";

/** Where one environment stands: the picture a team looks at before a release. */
export interface EnvironmentStatus {
  readonly environment: string;
  /** The newest release of the environment in the GitOps repository; undefined when it was never published. */
  readonly current?: ReleaseEntry;
  /** App → pinned image of the current release. */
  readonly apps: Record<string, string>;
  /**
   * True when the repository holds exactly what a publish of a fresh synth would write for the environment;
   * false when a publish would change it (or the environment is no longer synthesized).
   */
  readonly matchesSynth: boolean;
  /** Files a publish would change in the environment's folder. */
  readonly pendingFiles: number;
  /** True when the fresh synth has the environment (false: it was removed from the spec but is still published). */
  readonly synthesized: boolean;
  /** The newest rollback among the environment's releases. */
  readonly lastRollback?: ReleaseEntry;
}

/** Result of `status`. */
export interface StatusResult {
  readonly repository: string;
  readonly branch: string;
  /** Source commit of the fresh synth. */
  readonly sourceCommit: string;
  /** Every environment of the fresh synth or the repository, sorted by name. */
  readonly environments: EnvironmentStatus[];
}

/**
 * Per environment: the current release with its apps and digests, whether the GitOps repository matches a fresh
 * synth, and the last rollback. Synthesizes once (or takes `out`), compares like `diff`, reads the history like
 * `history`; writes nothing.
 */
export function status(options: ReleaseInputOptions): StatusResult {
  const compared = diff(options);
  const changed = new Map(compared.plan.environments.map((e) => [e.environment, e.files.length]));
  const synthesized = new Set(compared.plan.layout.available);
  return withWorkspace({ ...options, progress: undefined }, resolveTarget(options), (workspace) => {
    const published = new Set(workspace.hasHistory ? workspace.environments() : []);
    const selected = options.environments ? new Set(options.environments) : undefined;
    const names = [...new Set([...synthesized, ...published])].filter((e) => !selected || selected.has(e)).sort(compareStrings);
    const environments = names.map((environment): EnvironmentStatus => {
      const releases = published.has(environment) ? environmentHistory(workspace, environment) : [];
      const current = releases[0];
      const pendingFiles = changed.get(environment) ?? 0;
      return {
        environment,
        current,
        apps: current?.apps ?? {},
        matchesSynth: synthesized.has(environment) && pendingFiles === 0,
        pendingFiles,
        synthesized: synthesized.has(environment),
        lastRollback: releases.find((r) => r.kind === "rollback"),
      };
    });
    return { repository: compared.repository, branch: compared.branch, sourceCommit: compared.sourceCommit, environments };
  });
}
