import { assertNoBadRelease } from "./bad-releases";
import { ReleaseError } from "./errors";
import { withWorkspace } from "./gitops-repository";
import { TRAILERS } from "./history";
import { withPushRetries } from "./push";
import { applyLayout, makeReleaseId, prepareRelease, ReleaseInputOptions, ReleasePlan } from "./plan";

/** Options of `publish`. */
export interface PublishOptions extends ReleaseInputOptions {
  /** Publish from a source tree with uncommitted changes to a repository given with `repo`. @default false */
  readonly allowDirty?: boolean;
  /** Publish content that an automatic rollback recorded as bad for an environment (see bad-releases.ts). @default false */
  readonly allowBadRelease?: boolean;
  /** Push attempts before giving up when the remote keeps moving. @default 5 */
  readonly maxAttempts?: number;
  /** Warning reporter. @default - silent */
  readonly warn?: (message: string) => void;
  /** Clock, for tests. @default - the current time */
  readonly now?: () => Date;
}

/** Result of `publish`. */
export interface PublishResult {
  /** False when the output was already published (no commit). */
  readonly changed: boolean;
  readonly repository: string;
  readonly branch: string;
  readonly releaseId?: string;
  /** The GitOps repository commit of the release, or its head when nothing changed. */
  readonly commit?: string;
  readonly sourceCommit: string;
  readonly sourceRepository: string;
  /** Push attempts made (more than 1 after a concurrent publish). */
  readonly attempts: number;
  readonly plan: ReleasePlan;
}

/**
 * Synthesizes (or takes `out`), lays the output out on the branch head of the GitOps repository (in its cache),
 * commits once with provenance trailers and pushes. When the push is rejected because the branch moved on, it fetches,
 * re-applies the same output on top and retries (never force-pushes). An unchanged output makes no commit.
 */
export function publish(options: PublishOptions): PublishResult {
  const progress = options.progress ?? (() => undefined);
  const warn = options.warn ?? (() => undefined);
  const prepared = prepareRelease(options);
  try {
    const { source, layout } = prepared;
    if (source.dirty && options.repo !== undefined && !options.allowDirty) {
      throw new ReleaseError(
        `the source repository ${prepared.target.projectDir} has uncommitted changes, so the release would not be reproducible; commit them first or pass --allow-dirty`,
      );
    }
    if (source.dirty) warn(`the source tree has uncommitted changes; recording source commit ${source.commit}`);
    if (!source.isGit) warn(`${prepared.target.projectDir} is not a git repository; recording source commit "none"`);
    for (const pin of layout.unusedPins) warn(`pin ${pin} names an app the synthesized output does not deploy; it is not part of the release`);
    return withWorkspace(options, prepared.target, (workspace) =>
      withPushRetries<PublishResult>(workspace, "publish", options.maxAttempts ?? 5, progress, (attempt) => {
        const plan = applyLayout(workspace, layout);
        const base = { repository: workspace.displayRepo, branch: workspace.branch, sourceCommit: source.commit, sourceRepository: source.repository, attempts: attempt, plan };
        if (plan.files.length === 0) {
          progress(`${workspace.displayRepo} (${workspace.branch}) is up to date; nothing to publish`);
          return { done: { ...base, changed: false, commit: workspace.head() } };
        }
        if (!options.allowBadRelease) assertNoBadRelease(workspace, plan.environments.map((e) => e.environment));
        const releaseId = makeReleaseId(options.now?.() ?? new Date(), `publish ${workspace.stagedTree()}`);
        const commit = workspace.commit(publishMessage(releaseId, plan, source.repository, source.commit));
        if (workspace.push() === "rejected") return "retry";
        progress(`published release ${releaseId} (${commit.slice(0, 12)})`);
        return { done: { ...base, changed: true, releaseId, commit } };
      }),
    );
  } finally {
    prepared.cleanup();
  }
}

function publishMessage(releaseId: string, plan: ReleasePlan, sourceRepository: string, sourceCommit: string): string {
  const envs = plan.environments.map((e) => e.environment);
  const apps = plan.environments.flatMap((e) => e.apps.map((a) => `${e.environment}/${a.app}`));
  const body = plan.environments.map((e) => {
    const appLines = e.apps.map((a) => `  ${a.app}: ${a.from === a.to ? `${a.files.length} file(s) changed` : `${a.from ?? "(new)"} -> ${a.to ?? "(removed)"}`}`);
    return [`${e.environment}: ${e.files.length} file(s) changed`, ...appLines].join("\n");
  });
  return [
    `release ${releaseId}: ${envs.join(", ")}`,
    "",
    ...body,
    "",
    `${TRAILERS.releaseId}: ${releaseId}`,
    `${TRAILERS.kind}: publish`,
    `${TRAILERS.sourceRepository}: ${sourceRepository}`,
    `${TRAILERS.sourceCommit}: ${sourceCommit}`,
    `${TRAILERS.environments}: ${envs.join(", ")}`,
    `${TRAILERS.apps}: ${apps.length > 0 ? apps.join(", ") : "(none)"}`,
    "",
  ].join("\n");
}
