import { ReleaseError } from "./errors";
import { FileChange, GitOpsWorkspace, RepositoryOptions, resolveTarget, withWorkspace } from "./gitops-repository";
import { environmentHistory, findRelease, ReleaseEntry, TRAILERS } from "./history";
import { ENVIRONMENTS_FOLDER } from "./layout";
import { makeReleaseId } from "./plan";
import { AttemptOutcome, withPushRetries } from "./push";
import { assertEnvironmentName } from "./environment-option";

/** Options of `rollback`. */
export interface RollbackOptions extends RepositoryOptions {
  /** The environment to roll back. */
  readonly environment: string;
  /** Release id (or GitOps commit hash) to restore. @default - see `steps` */
  readonly to?: string;
  /** Restore the release this many releases back in the environment's history. @default 1 */
  readonly steps?: number;
  /** Push attempts when the branch moves concurrently. @default 5 */
  readonly maxAttempts?: number;
  /** Clock, for tests. @default - the current time */
  readonly now?: () => Date;
}

/** Result of `rollback`. */
export interface RollbackResult {
  readonly repository: string;
  readonly branch: string;
  readonly environment: string;
  /** False when the environment already matched the target (no commit). */
  readonly changed: boolean;
  /** Id of the rollback release. */
  readonly releaseId?: string;
  /** The rollback commit. */
  readonly commit?: string;
  /** The release that was current before the rollback. */
  readonly reverted: ReleaseEntry;
  /** The release whose content was restored. */
  readonly restored: ReleaseEntry;
  /** Files changed under environments/<env>/ (A, M or D), sorted by path, as in `diff` and `verify`. */
  readonly files: FileChange[];
}

/**
 * Restores `environments/<env>/` in the GitOps repository to an earlier release with a new commit (path-scoped:
 * other environments are never touched; never a force-push), with trailers naming the release it reverts and
 * the one it restores. Flux / Argo CD then sync the cluster back.
 */
export function rollback(options: RollbackOptions): RollbackResult {
  const env = options.environment;
  assertEnvironmentName(env, "--env");
  if (options.to !== undefined && options.steps !== undefined) throw new ReleaseError("pass either --to or --steps, not both");
  const steps = options.steps ?? 1;
  if (!Number.isInteger(steps) || steps < 1) throw new ReleaseError(`--steps ${steps} is not valid; use a whole number of 1 or more`);
  const progress = options.progress ?? (() => undefined);
  return withWorkspace(options, resolveTarget(options), (workspace) => {
    let target: ReleaseEntry | undefined;
    return withPushRetries(workspace, "rollback", options.maxAttempts ?? 5, progress, () => {
      // --steps needs the newest steps + 1 releases; --to may name any release of the history
      const entries = environmentHistory(workspace, env, options.to === undefined ? steps + 1 : undefined);
      target = target ?? rollbackTarget(entries, env, options.to, steps);
      return rollbackAttempt(workspace, entries[0], target, options, progress);
    });
  });
}

/** The release a rollback restores: the one named by `to`, or the one `steps` releases back. */
function rollbackTarget(entries: readonly ReleaseEntry[], env: string, to: string | undefined, steps: number): ReleaseEntry {
  let target: ReleaseEntry | undefined;
  if (to !== undefined) {
    target = findRelease(entries, to);
    if (!target) throw new ReleaseError(`release "${to}" is not in the history of ${env}; run "cdktf-gitops history --env ${env}" to list its releases`);
  } else {
    target = entries[steps];
    if (!target) throw new ReleaseError(`${env} has ${entries.length - 1} earlier release(s), so --steps ${steps} has no target; use a smaller --steps or --to <release>`);
  }
  if (target.removed) throw new ReleaseError(`release ${target.id} removed ${env}; pick a release that has the environment`);
  return target;
}

/** Stages the environment's folder as of `target`, commits and pushes once. */
function rollbackAttempt(workspace: GitOpsWorkspace, current: ReleaseEntry, target: ReleaseEntry, options: RollbackOptions, progress: (message: string) => void): AttemptOutcome<RollbackResult> {
  const env = options.environment;
  const folder = `${ENVIRONMENTS_FOLDER}/${env}`;
  progress(`restoring ${folder}/ to release ${target.id}`);
  workspace.restoreFolder(`${folder}/`, target.commit);
  const files = workspace.stagedChanges();
  const base = { repository: workspace.displayRepo, branch: workspace.branch, environment: env, reverted: current, restored: target, files };
  if (files.length === 0) {
    progress(`${env} already matches release ${target.id}; nothing to roll back`);
    return { done: { ...base, changed: false } };
  }
  const releaseId = makeReleaseId(options.now?.() ?? new Date(), `rollback ${workspace.stagedTree()}`);
  const message = [
    `rollback ${env} to release ${target.id}`,
    "",
    `Restores ${folder}/ as of release ${target.id} (${target.commit.slice(0, 12)}), reverting release ${current.id}.`,
    "",
    `${TRAILERS.releaseId}: ${releaseId}`,
    `${TRAILERS.kind}: rollback`,
    `${TRAILERS.environments}: ${env}`,
    `${TRAILERS.reverts}: ${current.id}`,
    `${TRAILERS.restores}: ${target.id}`,
    `${TRAILERS.restoresCommit}: ${target.commit}`,
    ...(target.sourceCommit ? [`${TRAILERS.sourceCommit}: ${target.sourceCommit}`] : []),
    "",
  ].join("\n");
  const commit = workspace.commit(message);
  if (workspace.push() === "rejected") return "retry";
  progress(`rolled ${env} back to release ${target.id} with release ${releaseId} (${commit.slice(0, 12)})`);
  return { done: { ...base, changed: true, releaseId, commit } };
}
