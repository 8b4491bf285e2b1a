import { redactUrlsIn } from "../core/redaction";
import { sleep } from "./cache-lock";
import { ExitCode, ReleaseError } from "./errors";
import { Git } from "./git";
import { runGuardedGit } from "./guarded-process";
import type { GitOpsWorkspace } from "./workspace";

/** Result of a push. */
export type PushResult = "pushed" | "rejected";

/**
 * Pushes a commit to the branch (under the watchdog of guarded-process.ts, so it dies with the command). Returns
 * "rejected" when the remote moved on (fetch, re-apply and retry); throws a `ReleaseError` naming the way out
 * for any other failure. Never force-pushes.
 */
export function pushCommit(git: Git, commit: string, branch: string, displayRepo: string): PushResult {
  // with the fetch refspec, a successful push also moves the cache's tracking ref (no update-ref afterwards)
  const tracking = `remote.origin.fetch=+refs/heads/${branch}:refs/remotes/origin/${branch}`;
  const result = runGuardedGit(["-c", "gc.auto=0", "-c", tracking, "push", "--porcelain", "origin", `${commit}:refs/heads/${branch}`], git.dir, git.environment);
  if (result.status === 0) return "pushed";
  const text = redactUrlsIn(`${result.stdout}\n${result.stderr}`);
  // the branch moved on (or a concurrent push holds its lock): fetch, re-apply and retry
  if (/non-fast-forward|fetch first|stale info|cannot lock ref|failed to update ref|incorrect old value|reference already exists/i.test(text) && !/hook declined/i.test(text)) {
    return "rejected";
  }
  const reason = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("To ") && l !== "Done")
    .join("; ");
  throw new ReleaseError(
    `push to ${displayRepo} (${branch}) failed: ${reason || `exit status ${result.status}`}; nothing was changed in the repository - check write access and branch protection, then run the command again`,
    ExitCode.REPOSITORY,
  );
}

/** What one attempt of a publish or rollback returns: a result, or "retry" after its push was rejected. */
export type AttemptOutcome<T> = { readonly done: T } | "retry";

/**
 * The push-retry loop of publish and rollback: runs `attempt` (which stages, commits and pushes) until it
 * returns a result. After a rejected push it waits a short random back-off and fetches the new branch head,
 * so the next attempt re-applies its change on top; after `maxAttempts` it gives up (exit code 3).
 */
export function withPushRetries<T>(workspace: GitOpsWorkspace, command: string, maxAttempts: number, progress: (message: string) => void, attempt: (n: number) => AttemptOutcome<T>): T {
  for (let n = 1; ; n++) {
    const outcome = attempt(n);
    if (outcome !== "retry") return outcome.done;
    if (n >= maxAttempts) {
      throw new ReleaseError(
        `push to ${workspace.displayRepo} (${workspace.branch}) was rejected ${n} times because the branch kept moving; nothing of this ${command} was pushed - run ${command} again`,
        ExitCode.REPOSITORY,
      );
    }
    progress(`push rejected: ${workspace.branch} moved on; fetching and re-applying the ${command === "publish" ? "release" : command} (attempt ${n + 1} of ${maxAttempts})`);
    sleep(100 * n + Math.floor(Math.random() * 200));
    workspace.refresh();
  }
}
