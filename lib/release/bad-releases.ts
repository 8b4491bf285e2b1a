import { createHash } from "crypto";
import { ReleaseError } from "./errors";
import { GitOpsWorkspace } from "./gitops-repository";
import { ENVIRONMENTS_FOLDER, RELEASE_FILE, stableJson } from "./layout";
import { compareStrings } from "../core/sorting";

/**
 * Folder of the bad-release records at the root of the GitOps repository: `bad-releases/<env>.json`.
 * Outside `environments/<env>/` on purpose: publish replaces that folder and rollback restores it to an older
 * commit, and either would erase a record kept inside it.
 */
export const BAD_RELEASES_FOLDER = "bad-releases";

/** What made an automatic rollback: the engine's event as the dispatch carried it. */
export interface RollbackCause {
  /** The engine that reported the failure. */
  readonly source: "flux" | "argocd" | "manual";
  /** One line naming the event, e.g. `Kustomization/flux-dev-apps.flux-system HealthCheckFailed`. */
  readonly event: string;
  /** The GitOps revision (commit hash) the engine reported as failing, when it named one. */
  readonly revision?: string;
  /** The engine's message, shortened. @default - none */
  readonly message?: string;
}

/** One release an automatic rollback reverted, so publish refuses its content for the environment. */
export interface BadRelease {
  /** Id of the reverted (bad) release. */
  readonly release: string;
  /** Its GitOps commit. */
  readonly commit: string;
  /** Content fingerprint of `environments/<env>/` at that release (see `environmentFingerprint`). */
  readonly fingerprint: string;
  /** Id of the rollback release that reverted it. */
  readonly rolledBackBy: string;
  /** Id of the release whose content the rollback restored. */
  readonly restored: string;
  /** When the rollback was made (ISO 8601). */
  readonly time: string;
  /** The event that caused the rollback. */
  readonly cause: RollbackCause;
}

/** Content of `bad-releases/<env>.json`. */
export interface BadReleaseFile {
  readonly environment: string;
  /** Oldest first. */
  readonly releases: BadRelease[];
}

/** Repository path of an environment's bad-release file. */
export function badReleasesPath(environment: string): string {
  return `${BAD_RELEASES_FOLDER}/${environment}.json`;
}

/** The bad releases of an environment at a commit (default the branch head); empty when there is no record. */
export function readBadReleases(workspace: GitOpsWorkspace, environment: string, commit = workspace.head()): BadRelease[] {
  if (commit === undefined) return [];
  const text = workspace.readFileAt(commit, badReleasesPath(environment));
  if (text === undefined) return [];
  try {
    const data = JSON.parse(text) as BadReleaseFile;
    return Array.isArray(data.releases) ? data.releases.filter((r) => typeof r?.fingerprint === "string" && typeof r.release === "string") : [];
  } catch {
    throw new ReleaseError(`${badReleasesPath(environment)} in ${workspace.displayRepo} is not valid JSON; restore it from the repository history`);
  }
}

/** Adds a bad release to the environment's record and stages it. */
export function recordBadRelease(workspace: GitOpsWorkspace, environment: string, entry: BadRelease): void {
  const releases = [...readBadReleases(workspace, environment).filter((r) => r.release !== entry.release), entry];
  const file: BadReleaseFile = { environment, releases };
  workspace.replace([], new Map([[badReleasesPath(environment), Buffer.from(stableJson(file))]]));
}

/**
 * A fingerprint of what an environment runs: every file below `environments/<env>/` by path and blob id, with
 * `release.json` counted without its `sourceCommit`. So a merge that changes nothing for the environment but the
 * source commit has the same fingerprint as the release before it, and a pin change gives a new one.
 * `ref` is a commit, or `:index` for the staged tree (what publish is about to commit).
 */
export function environmentFingerprint(workspace: GitOpsWorkspace, environment: string, ref: string): string | undefined {
  const folder = `${ENVIRONMENTS_FOLDER}/${environment}/`;
  const listing =
    ref === ":index"
      ? workspace.trackedFiles(folder).map((file) => ({ blob: workspace.blobIdOf(file)!, file }))
      : workspace.git.text(["ls-tree", "-r", "-z", ref, "--", folder]).split("\0").filter(Boolean).map((line) => {
          const [meta, file] = line.split("\t");
          return { blob: meta.split(" ")[2], file };
        });
  if (listing.length === 0) return undefined;
  const hash = createHash("sha256");
  for (const { blob, file } of listing.sort((a, b) => compareStrings(a.file, b.file))) {
    if (file === `${folder}${RELEASE_FILE}`) {
      const text = ref === ":index" ? workspace.readFile(file) ?? "" : workspace.git.text(["cat-file", "blob", blob]);
      hash.update(`${file}\0${releaseWithoutSource(text)}\0`);
    } else {
      hash.update(`${file}\0${blob}\0`);
    }
  }
  return `sha256:${hash.digest("hex")}`;
}

function releaseWithoutSource(text: string): string {
  try {
    const { sourceCommit: _ignored, ...rest } = JSON.parse(text) as Record<string, unknown>;
    return stableJson(rest);
  } catch {
    return text;
  }
}

/**
 * Publish's guard: throws, naming the environment, the bad release and the fix, when the staged content of an
 * environment is exactly the content of a release an automatic rollback reverted.
 */
export function assertNoBadRelease(workspace: GitOpsWorkspace, environments: readonly string[]): void {
  const problems: string[] = [];
  for (const env of environments) {
    const bad = readBadReleases(workspace, env);
    if (bad.length === 0) continue;
    const fingerprint = environmentFingerprint(workspace, env, ":index");
    const match = bad.find((b) => b.fingerprint === fingerprint);
    if (match) {
      problems.push(
        `${env}: this is exactly the content of release ${match.release}, which was rolled back automatically by ${match.rolledBackBy} (${match.cause.event}); change the pins or the code for ${env}, or pass --allow-bad-release to publish it anyway`,
      );
    }
  }
  if (problems.length > 0) throw new ReleaseError(problems.join("\n"));
}
