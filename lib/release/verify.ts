import { withWorkspace } from "./gitops-repository";
import { applyLayout, prepareRelease, ReleaseInputOptions, ReleasePlan } from "./plan";

/** Result of `diff` and `verify`. */
export interface CompareResult {
  readonly repository: string;
  readonly branch: string;
  /** Source commit the fresh synth was made from. */
  readonly sourceCommit: string;
  /** True when the repository holds exactly what a publish would write. */
  readonly upToDate: boolean;
  readonly plan: ReleasePlan;
}

/**
 * What a publish would change, per environment and app, without committing: the blob ids of the fresh output
 * are compared with the branch head's tree (no file of the repository is downloaded but release.json). A difference only in release.json's source commit is not a change.
 */
export function diff(options: ReleaseInputOptions): CompareResult {
  const prepared = prepareRelease(options);
  try {
    return withWorkspace(options, prepared.target, (workspace) => {
      const plan = applyLayout(workspace, prepared.layout);
      return { repository: workspace.displayRepo, branch: workspace.branch, sourceCommit: prepared.source.commit, upToDate: plan.files.length === 0, plan };
    });
  } finally {
    prepared.cleanup();
  }
}

/**
 * Fresh synth versus what is committed in the GitOps repository (for CI): the same comparison as `diff`;
 * the CLI exits with code 1 and lists the differing files when `upToDate` is false.
 */
export function verify(options: ReleaseInputOptions): CompareResult {
  return diff(options);
}
