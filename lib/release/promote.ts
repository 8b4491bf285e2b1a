import { ENVIRONMENT_DESCRIPTOR_FILE, parseEnvironmentDescriptor } from "./environment-descriptor";
import { ReleaseError } from "./errors";
import { GitOpsWorkspace, RepositoryOptions, resolveTarget, withWorkspace } from "./gitops-repository";
import { ENVIRONMENTS_FOLDER, parseRelease, RELEASE_FILE } from "./layout";
import { assertEnvironmentName } from "./environment-option";
import { compareStrings } from "../core/sorting";
import { PINS_FOLDER, hasPins, readAllPins, readPins, writePins } from "./pins-files";
import { uncommittedPaths } from "./source-repository";

/** Options of `promote`. */
export interface PromoteOptions extends RepositoryOptions {
  /** Environment whose pins are copied. */
  readonly from: string;
  /** Environment whose pins are rewritten. */
  readonly to: string;
  /** Apps to promote. @default - every app pinned in `from` */
  readonly apps?: readonly string[];
  /** Report the changes without writing the pins file. @default false */
  readonly dryRun?: boolean;
  /**
   * Promote even when `to` is not promoted from `from` in the environment specs (its published
   * `environment.json` names another source).
   * @default false - a promotion that skips a step of the chain is refused
   */
  readonly anySource?: boolean;
}

/** One app's pin change. */
export interface PinChange {
  readonly app: string;
  /** Pin in the target environment before (undefined: newly pinned there). */
  readonly from?: string;
  readonly to: string;
  /** False when the target already had this pin. */
  readonly changed: boolean;
}

/** Result of `promote`. */
export interface PromoteResult {
  readonly from: string;
  readonly to: string;
  /** The rewritten pins file, relative to the project. */
  readonly pinsFile: string;
  /** Pin changes per app, sorted by app. */
  readonly changes: PinChange[];
  /** False when nothing changed (or `dryRun`). */
  readonly written: boolean;
}

/**
 * Copies the pinned digests of the named apps from one environment's pins to another's in the source
 * repository (`environments/pins/<env>.json`), after checking in the GitOps repository that `from`'s published
 * release runs exactly those digests, and that `to`'s published `environment.json` names `from` as the
 * environment it promotes from. It refuses (and writes nothing) otherwise. Commit the pins file and publish
 * to roll the change out.
 */
export function promote(options: PromoteOptions): PromoteResult {
  assertEnvironmentName(options.from, "--from");
  assertEnvironmentName(options.to, "--to");
  if (options.from === options.to) throw new ReleaseError(`--from and --to are both "${options.from}"; promote between two environments`);
  const command = resolveTarget(options);
  const { projectDir } = command;
  const allPins = readAllPins(projectDir);
  if (!hasPins(projectDir, options.from)) {
    const known = Object.keys(allPins);
    throw new ReleaseError(
      `unknown environment "${options.from}": there is no ${PINS_FOLDER}/${options.from}.json; environments with pins: ${known.join(", ") || "(none)"}`,
    );
  }
  const fromPins = readPins(projectDir, options.from);
  const apps = [...new Set(options.apps && options.apps.length > 0 ? options.apps : Object.keys(fromPins))].sort(compareStrings);
  if (apps.length === 0) throw new ReleaseError(`${PINS_FOLDER}/${options.from}.json pins no apps; nothing to promote`);
  const unpinned = apps.filter((app) => fromPins[app] === undefined);
  if (unpinned.length > 0) {
    throw new ReleaseError(`app(s) ${unpinned.join(", ")} have no pin in ${options.from}; pinned there: ${Object.keys(fromPins).join(", ") || "(none)"}`);
  }

  const published = withWorkspace(options, command, (workspace) => publishedApps(workspace, options, Object.keys(allPins)));
  const mismatches = apps.filter((app) => published[app] !== fromPins[app]);
  if (mismatches.length > 0) {
    const lines = mismatches.map((app) => `  ${app}: pinned ${fromPins[app]}, published ${published[app] ?? "(not published)"}`);
    throw new ReleaseError(
      `refusing to promote: ${options.from}'s published release does not run the pinned digest of ${mismatches.join(", ")}:\n${lines.join("\n")}\npublish ${options.from} first (and let it sync), or choose other apps with --app`,
    );
  }

  const pinsFile = `${PINS_FOLDER}/${options.to}.json`;
  const toPins = readPins(projectDir, options.to);
  const changes: PinChange[] = apps.map((app) => ({ app, from: toPins[app], to: fromPins[app], changed: toPins[app] !== fromPins[app] }));
  const anyChange = changes.some((c) => c.changed);
  if (anyChange && !options.dryRun) {
    const dirty = uncommittedPaths(projectDir, [pinsFile], options.env);
    if (dirty.length > 0) {
      throw new ReleaseError(`${pinsFile} has uncommitted changes; commit or discard them before promoting, so the promotion is a change of its own`);
    }
    const next = { ...toPins };
    for (const c of changes) next[c.app] = c.to;
    writePins(projectDir, options.to, next);
  }
  return { from: options.from, to: options.to, pinsFile, changes, written: anyChange && !options.dryRun };
}

/**
 * The apps and digests `from`'s published release runs, after checking that `to` is known and that its published
 * `environment.json` names `from` as the environment it promotes from (unless `anySource`).
 */
function publishedApps(workspace: GitOpsWorkspace, options: PromoteOptions, pinned: readonly string[]): Record<string, string> {
  if (!hasPins(resolveTarget(options).projectDir, options.to) && !workspace.environments().includes(options.to)) {
    const known = [...new Set([...pinned, ...workspace.environments()])].sort(compareStrings);
    throw new ReleaseError(`unknown environment "${options.to}"; known environments: ${known.join(", ") || "(none)"}`);
  }
  const target = parseEnvironmentDescriptor(workspace.readFile(`${ENVIRONMENTS_FOLDER}/${options.to}/${ENVIRONMENT_DESCRIPTOR_FILE}`));
  if (target && target.promotesFrom !== options.from && !options.anySource) {
    const source = target.promotesFrom ? `promotes from ${target.promotesFrom}` : "is not promoted from another environment";
    throw new ReleaseError(
      `refusing to promote: ${options.to} ${source} (its environment spec, as published), not ${options.from}; ` +
        `${target.promotesFrom ? `promote from ${target.promotesFrom}, or ` : ""}pass --any-source to promote anyway`,
    );
  }
  const release = parseRelease(workspace.readFile(`${ENVIRONMENTS_FOLDER}/${options.from}/${RELEASE_FILE}`));
  if (!release) {
    throw new ReleaseError(`refusing to promote: ${options.from} has no published release in ${workspace.displayRepo} (${workspace.branch}); publish ${options.from} first`);
  }
  return release.apps;
}
