import { ReleaseError } from "./errors";
import { GitOpsWorkspace, RepositoryOptions, resolveTarget, withWorkspace } from "./gitops-repository";
import { ENVIRONMENTS_FOLDER, parseRelease, RELEASE_FILE } from "./layout";
import { objectIds, readBlobs } from "./read-blobs";
import { assertEnvironmentName } from "./environment-option";

/** Commit trailers written by publish and rollback. */
export const TRAILERS = {
  releaseId: "Release-Id",
  kind: "Release-Kind",
  sourceRepository: "Source-Repository",
  sourceCommit: "Source-Commit",
  environments: "Environments",
  apps: "Apps",
  reverts: "Reverts-Release",
  restores: "Restores-Release",
  restoresCommit: "Restores-Commit",
  // written by automatic (guarded) rollbacks, see automatic-rollback.ts
  rollbackTrigger: "Rollback-Trigger",
  rollbackCause: "Rollback-Cause",
  rollbackRevision: "Rollback-Revision",
} as const;

/** What made a release: a publish, a rollback, or a commit not made by cdktf-gitops. */
export type ReleaseKind = "publish" | "rollback" | "manual";

/** One release of one environment: a commit of the GitOps repository that changed `environments/<env>/`. */
export interface ReleaseEntry {
  /** Release id from the commit trailer, or the short commit hash for commits not made by cdktf-gitops. */
  readonly id: string;
  /** The GitOps repository commit. */
  readonly commit: string;
  /** Commit time (ISO 8601). */
  readonly time: string;
  /** Commit subject. */
  readonly subject: string;
  /** How the release was made. */
  readonly kind: ReleaseKind;
  /** Source commit recorded in the environment's release.json at this release. */
  readonly sourceCommit?: string;
  /** App → pinned image in the environment's release.json at this release. */
  readonly apps: Record<string, string>;
  /** True when the release removed the environment's folder. */
  readonly removed: boolean;
  /** For a rollback: the release it reverted (the one current before it). */
  readonly reverts?: string;
  /** For a rollback: the release whose content it restored. */
  readonly restores?: string;
  /** For a rollback: true when it was made by `rollback --dispatch-event` / `--if-current` (a guarded, automatic rollback). */
  readonly automatic?: boolean;
  /** For an automatic rollback: the event that caused it (`<source> <event>`). */
  readonly cause?: string;
}

/** Parses `Key: value` trailers of a commit message. */
export function parseTrailers(lines: string): Record<string, string> {
  const trailers: Record<string, string> = {};
  for (const line of lines.split("\x1d")) {
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line.trim());
    if (match) trailers[match[1]] = match[2].trim();
  }
  return trailers;
}

/**
 * Releases of an environment, newest first (the newest `limit` when given): every commit on the branch that
 * changed `environments/<env>/`, from commit metadata (`git log` of the cache, trailers) and the environment's
 * release.json at each listed commit, read in one batch. Throws a `ReleaseError` for an environment that was
 * never published.
 */
export function environmentHistory(workspace: GitOpsWorkspace, environment: string, limit?: number): ReleaseEntry[] {
  const folder = `${ENVIRONMENTS_FOLDER}/${environment}/`;
  const head = workspace.head();
  if (head === undefined) {
    throw new ReleaseError(`unknown environment "${environment}": ${workspace.displayRepo} (${workspace.branch}) has no releases yet; run publish first`);
  }
  const format = "%H%x1f%cI%x1f%s%x1f%(trailers:unfold=true,separator=%x1d)%x1e";
  const out = workspace.git.text(["log", `--format=${format}`, ...(limit ? [`--max-count=${limit}`] : []), head, "--", folder]);
  const records = out
    .split("\x1e")
    .map((r) => r.replace(/^\n/, ""))
    .filter(Boolean)
    .map((r) => r.split("\x1f"));
  const commits = records.map(([commit]) => commit);
  const releases = readBlobs(workspace.git, commits.map((c) => `${c}:${folder}${RELEASE_FILE}`));
  const present = objectIds(workspace.git, commits.map((c) => `${c}:${folder}`));
  const entries = records.map(([commit, time, subject, trailerText]): ReleaseEntry => {
    const trailers = parseTrailers(trailerText ?? "");
    const release = parseRelease(releases.get(`${commit}:${folder}${RELEASE_FILE}`)?.toString("utf8"));
    const kindTrailer = trailers[TRAILERS.kind];
    return {
      id: trailers[TRAILERS.releaseId] ?? commit.slice(0, 12),
      commit,
      time,
      subject,
      kind: kindTrailer === "publish" || kindTrailer === "rollback" ? kindTrailer : "manual",
      sourceCommit: release?.sourceCommit,
      apps: release?.apps ?? {},
      removed: !present.has(`${commit}:${folder}`),
      reverts: trailers[TRAILERS.reverts],
      restores: trailers[TRAILERS.restores],
      ...(trailers[TRAILERS.rollbackTrigger] === "automatic" ? { automatic: true, cause: trailers[TRAILERS.rollbackCause] } : {}),
    };
  });
  if (entries.length === 0) {
    const envs = workspace.environments();
    const known = envs.length > 0 ? envs.join(", ") : "(none; run publish first)";
    throw new ReleaseError(`unknown environment "${environment}"; ${workspace.displayRepo} (${workspace.branch}) has: ${known}`);
  }
  return entries;
}

/** Finds a release by id or by (a prefix of at least 7 characters of) its commit hash. */
export function findRelease(entries: readonly ReleaseEntry[], ref: string): ReleaseEntry | undefined {
  const byId = entries.find((e) => e.id === ref);
  if (byId || ref.length < 7 || !/^[0-9a-f]+$/.test(ref)) return byId;
  const byCommit = entries.filter((e) => e.commit.startsWith(ref));
  if (byCommit.length > 1) {
    throw new ReleaseError(`commit prefix "${ref}" matches ${byCommit.length} releases (${byCommit.map((e) => e.id).join(", ")}); give more characters or a release id`);
  }
  return byCommit[0];
}

/** Options of `history`. */
export interface HistoryOptions extends RepositoryOptions {
  readonly environment: string;
  /** Newest releases to return. @default - all */
  readonly limit?: number;
}

/** Result of `history`. */
export interface HistoryResult {
  readonly repository: string;
  readonly branch: string;
  readonly environment: string;
  /** Releases, newest first. */
  readonly releases: ReleaseEntry[];
}

/** The releases of an environment, newest first: id, time, source commit, apps and digests, rollbacks marked. */
export function history(options: HistoryOptions): HistoryResult {
  assertEnvironmentName(options.environment, "--env");
  if (options.limit !== undefined && (!Number.isInteger(options.limit) || options.limit < 1)) {
    throw new ReleaseError(`--limit ${options.limit} is not valid; use a whole number of 1 or more`);
  }
  return withWorkspace(options, resolveTarget(options), (workspace) => {
    const releases = environmentHistory(workspace, options.environment, options.limit);
    return { repository: workspace.displayRepo, branch: workspace.branch, environment: options.environment, releases };
  });
}
