import { BadRelease, environmentFingerprint, readBadReleases, recordBadRelease, RollbackCause } from "./bad-releases";
import { parseFluxRevision } from "./dispatch-event";
import { ExitCode, ReleaseError } from "./errors";
import { FileChange, GitOpsWorkspace, RepositoryOptions, resolveTarget, withWorkspace } from "./gitops-repository";
import { environmentHistory, findRelease, ReleaseEntry, TRAILERS } from "./history";
import { ENVIRONMENTS_FOLDER } from "./layout";
import { makeReleaseId } from "./plan";
import { withPushRetries } from "./push";
import { assertEnvironmentName } from "./environment-option";

/** Options of `guardedRollback`. */
export interface GuardedRollbackOptions extends RepositoryOptions {
  /** The environment reported failing. */
  readonly environment: string;
  /**
   * The release reported failing: a release id, or a GitOps commit hash (also as Flux writes it,
   * `<branch>@sha1:<hash>`) at which the environment failed.
   */
  readonly ifCurrent: string;
  /** What reported the failure (written to the commit trailers and the bad-release record). @default - a person, via --if-current */
  readonly cause?: RollbackCause;
  /** Push attempts when the branch moves concurrently; every attempt re-checks the guard. @default 5 */
  readonly maxAttempts?: number;
  /** Clock, for tests. @default - the current time */
  readonly now?: () => Date;
}

/** Result of `guardedRollback`. */
export interface GuardedRollbackResult {
  readonly repository: string;
  readonly branch: string;
  readonly environment: string;
  /** True when a rollback commit was pushed. */
  readonly changed: boolean;
  /** Why nothing was done (duplicate, stale or replayed event, a rollback reported failing), when `changed` is false. */
  readonly skipped?: string;
  /** Id of the rollback release. */
  readonly releaseId?: string;
  /** The rollback commit. */
  readonly commit?: string;
  /** The release that was current and is now recorded as bad. */
  readonly reverted?: ReleaseEntry;
  /** The release whose content was restored. */
  readonly restored?: ReleaseEntry;
  /** Files the rollback changed (the environment's folder and its bad-release record). */
  readonly files: FileChange[];
  /** What reported the failure. */
  readonly cause: RollbackCause;
}

/**
 * A rollback that is safe to automate. It reverts the environment's current release only when that release is
 * the one reported failing (`ifCurrent`) and is a publish: a duplicate, late or replayed event, or one about a
 * rollback, changes nothing, so a rollback never triggers another and each release is rolled back at most once.
 * The reverted release is recorded in `bad-releases/<env>.json` in the same commit, so `publish` refuses its
 * content for the environment afterwards. The guard runs again on every push attempt.
 */
export function guardedRollback(options: GuardedRollbackOptions): GuardedRollbackResult {
  const env = options.environment;
  assertEnvironmentName(env, "--env");
  const cause = options.cause ?? { source: "manual", event: `rollback --if-current ${options.ifCurrent}` };
  const progress = options.progress ?? (() => undefined);
  return withWorkspace(options, resolveTarget(options), (workspace) => {
    const base = { repository: workspace.displayRepo, branch: workspace.branch, environment: env, cause };
    return withPushRetries<GuardedRollbackResult>(workspace, "rollback", options.maxAttempts ?? 5, progress, () => {
      const decision = decide(workspace, env, options.ifCurrent);
      if ("skipped" in decision) {
        progress(`not rolling back ${env}: ${decision.skipped}`);
        return { done: { ...base, changed: false, skipped: decision.skipped, files: [] } };
      }
      const { current, target, fingerprint } = decision;
      const folder = `${ENVIRONMENTS_FOLDER}/${env}`;
      progress(`${env}: release ${current.id} is failing (${cause.event}); restoring ${folder}/ to release ${target.id}`);
      workspace.restoreFolder(`${folder}/`, target.commit);
      const time = (options.now?.() ?? new Date());
      const releaseId = makeReleaseId(time, `rollback ${workspace.stagedTree()}`);
      const bad: BadRelease = { release: current.id, commit: current.commit, fingerprint, rolledBackBy: releaseId, restored: target.id, time: time.toISOString(), cause };
      recordBadRelease(workspace, env, bad);
      const files = workspace.stagedChanges();
      const commit = workspace.commit(rollbackMessage(env, releaseId, current, target, cause));
      if (workspace.push() === "rejected") return "retry";
      progress(`rolled ${env} back to release ${target.id} with release ${releaseId} (${commit.slice(0, 12)}); ${current.id} is recorded as bad`);
      return { done: { ...base, changed: true, releaseId, commit, reverted: current, restored: target, files } };
    });
  });
}

type Decision = { readonly skipped: string } | { readonly current: ReleaseEntry; readonly target: ReleaseEntry; readonly fingerprint: string };

/** The guard: whether the reported release is the environment's current publish, and which release to restore. */
function decide(workspace: GitOpsWorkspace, env: string, ifCurrent: string): Decision {
  const entries = environmentHistory(workspace, env);
  const current = entries[0];
  const reported = reportedRelease(workspace, env, entries, ifCurrent);
  if ("skipped" in reported) return reported;
  if (reported.release.commit !== current.commit) {
    return { skipped: `the event reports release ${reported.release.id}, but ${env} now runs release ${current.id}; a stale or replayed event changes nothing` };
  }
  if (current.kind !== "publish") {
    return { skipped: `release ${current.id} is a ${current.kind === "rollback" ? "rollback" : "commit not made by publish"}; automatic rollback reverts only publishes, so a rollback never triggers another` };
  }
  const bad = readBadReleases(workspace, env);
  if (bad.some((b) => b.release === current.id)) return { skipped: `release ${current.id} was already rolled back once` };
  const fingerprint = environmentFingerprint(workspace, env, current.commit);
  if (fingerprint === undefined) return { skipped: `release ${current.id} removed ${env}; there is nothing to roll back` };
  const badPrints = new Set(bad.map((b) => b.fingerprint));
  const target = entries.slice(1).find((e) => {
    if (e.removed) return false;
    const print = environmentFingerprint(workspace, env, e.commit);
    return print !== fingerprint && !badPrints.has(print ?? "");
  });
  if (!target) {
    throw new ReleaseError(`${env}: release ${current.id} is failing, but no earlier release of ${env} differs from it and is not bad; fix forward with a pin change and publish`);
  }
  return { current, target, fingerprint };
}

/** The release in effect for `env` at the reported revision or release id. */
function reportedRelease(workspace: GitOpsWorkspace, env: string, entries: readonly ReleaseEntry[], ifCurrent: string): { release: ReleaseEntry } | { skipped: string } {
  const revision = parseFluxRevision(ifCurrent)?.hash ?? (/^[0-9a-f]{7,40}$/.test(ifCurrent) ? ifCurrent : undefined);
  if (revision === undefined) {
    const release = findRelease(entries, ifCurrent);
    return release ? { release } : { skipped: `release "${ifCurrent}" is not in the history of ${env}` };
  }
  const resolved = workspace.git.run(["rev-parse", "--verify", "-q", `${revision}^{commit}`], { allowFailure: true });
  if (resolved.status !== 0) return { skipped: `revision ${revision} is not on ${workspace.branch} of ${workspace.displayRepo}` };
  const commit = resolved.stdout.trim();
  if (workspace.git.run(["merge-base", "--is-ancestor", commit, workspace.head() ?? "HEAD"], { allowFailure: true }).status !== 0) {
    return { skipped: `revision ${revision} is not on ${workspace.branch} of ${workspace.displayRepo}` };
  }
  const changed = workspace.git.text(["log", "-1", "--format=%H", commit, "--", `${ENVIRONMENTS_FOLDER}/${env}/`]);
  const release = entries.find((e) => e.commit === changed);
  if (!release) {
    if (changed === "") return { skipped: `${env} had no release yet at revision ${revision}` };
    throw new ReleaseError(`${env}: revision ${revision} maps to commit ${changed}, which is not in the history of ${env}`, ExitCode.INTERNAL);
  }
  return { release };
}

function rollbackMessage(env: string, releaseId: string, current: ReleaseEntry, target: ReleaseEntry, cause: RollbackCause): string {
  const folder = `${ENVIRONMENTS_FOLDER}/${env}`;
  return [
    `rollback ${env} to release ${target.id} (automatic: ${current.id} failed)`,
    "",
    `Restores ${folder}/ as of release ${target.id} (${target.commit.slice(0, 12)}), reverting release ${current.id},`,
    `which ${cause.source === "manual" ? "was reported failing" : `${cause.source} reported failing`}: ${cause.event}.`,
    ...(cause.message ? [`Message: ${cause.message}`] : []),
    `Release ${current.id} is recorded in bad-releases/${env}.json; publish refuses its content for ${env}.`,
    "",
    `${TRAILERS.releaseId}: ${releaseId}`,
    `${TRAILERS.kind}: rollback`,
    `${TRAILERS.environments}: ${env}`,
    `${TRAILERS.reverts}: ${current.id}`,
    `${TRAILERS.restores}: ${target.id}`,
    `${TRAILERS.restoresCommit}: ${target.commit}`,
    ...(target.sourceCommit ? [`${TRAILERS.sourceCommit}: ${target.sourceCommit}`] : []),
    `${TRAILERS.rollbackTrigger}: automatic`,
    `${TRAILERS.rollbackCause}: ${cause.source} ${cause.event}`,
    ...(cause.revision ? [`${TRAILERS.rollbackRevision}: ${cause.revision}`] : []),
    "",
  ].join("\n");
}
