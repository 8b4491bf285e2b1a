import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ExitCode, ReleaseError } from "../release/errors";
import { InitChoices, ScaffoldSpec, scaffoldSpec } from "./init-spec";
import { scaffoldFiles } from "./init-templates";
import { libraryPackage, LibraryPackage } from "./package-versions";

/** Options of `init`. */
export interface InitOptions extends InitChoices {
  /** The folder to scaffold into (created when absent). */
  readonly folder: string;
  /** Write into a folder that is not empty, replacing files of the same names. @default false */
  readonly force?: boolean;
  /** Run `git init` when the folder is not inside a git work tree. @default true */
  readonly git?: boolean;
  /** The npm spec of the library written into package.json (a version, a tarball path, a git URL). @default - this package's version */
  readonly librarySpec?: string;
  /** This package's package.json. @default - read from the installed package */
  readonly library?: LibraryPackage;
  /** Environment for git. @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/** Result of `init`. */
export interface InitResult {
  /** The absolute folder scaffolded. */
  readonly folder: string;
  /** Files written (relative, sorted). */
  readonly files: string[];
  /** True when `git init` ran. */
  readonly gitInitialized: boolean;
  readonly spec: ScaffoldSpec;
}

/** Entries a folder may hold and still count as empty: a fresh clone of an empty repository has `.git`. */
const IGNORED_ENTRIES = new Set([".git"]);

/**
 * Scaffolds an infra repository in `folder`. Everything is checked first (options against the library's
 * validation, the folder being empty unless `force`), then written into a staging folder beside the target
 * and moved into place, so a failure leaves nothing half-written.
 */
export function init(options: InitOptions): InitResult {
  const folder = path.resolve(options.folder);
  const spec = scaffoldSpec(folder, options);
  const files = scaffoldFiles(spec, { library: options.library ?? libraryPackage(), librarySpec: options.librarySpec });
  checkTarget(folder, Object.keys(files), options.force ?? false);
  const parent = path.dirname(folder);
  fs.mkdirSync(parent, { recursive: true });
  const staging = fs.mkdtempSync(path.join(parent, `.${path.basename(folder)}.init-`));
  try {
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(staging, file)), { recursive: true });
      fs.writeFileSync(path.join(staging, file), text);
    }
    moveIntoPlace(staging, folder, Object.keys(files));
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  const gitInitialized = (options.git ?? true) && gitInit(folder, options.env ?? process.env);
  return { folder, files: Object.keys(files).sort(), gitInitialized, spec };
}

function checkTarget(folder: string, files: readonly string[], force: boolean): void {
  if (!fs.existsSync(folder)) return;
  if (!fs.statSync(folder).isDirectory()) throw new ReleaseError(`${folder} is a file; name a folder to scaffold into`);
  const entries = fs.readdirSync(folder).filter((entry) => !IGNORED_ENTRIES.has(entry));
  if (entries.length > 0 && !force) {
    const shown = entries.sort().slice(0, 5).join(", ");
    throw new ReleaseError(`${folder} is not empty (${shown}${entries.length > 5 ? ", ..." : ""}); scaffold into an empty or new folder, or pass --force to write over files of the same names`);
  }
  const blocked = files.filter((file) => {
    const parts = file.split("/");
    // A path segment that exists as a file where the scaffold needs a folder, or a folder where it needs a file.
    return parts.some((_, i) => {
      const at = path.join(folder, ...parts.slice(0, i + 1));
      return fs.existsSync(at) && fs.statSync(at).isDirectory() !== i < parts.length - 1;
    });
  });
  if (blocked.length > 0) throw new ReleaseError(`${folder}: ${blocked.join(", ")} cannot be written (a file and a folder of the same name); move them away first`);
}

/** A new folder moves in whole (one rename); into an existing one, file by file (each rename replaces atomically). */
function moveIntoPlace(staging: string, folder: string, files: readonly string[]): void {
  if (!fs.existsSync(folder)) {
    fs.renameSync(staging, folder);
    fs.mkdirSync(staging); // the caller removes the (now empty) staging folder
    return;
  }
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
    fs.renameSync(path.join(staging, file), path.join(folder, file));
  }
}

function gitInit(folder: string, env: NodeJS.ProcessEnv): boolean {
  const inside = spawnSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: folder, env, encoding: "utf8" });
  if (inside.error) return false; // no git on this machine: the scaffold works without it
  if (inside.status === 0) return false;
  const result = spawnSync("git", ["init", "-q", "-b", "main"], { cwd: folder, env, encoding: "utf8" });
  if (result.status !== 0) throw new ReleaseError(`git init in ${folder} failed: ${(result.stderr ?? "").trim()}; run it yourself or pass --no-git`, ExitCode.REPOSITORY);
  return true;
}

/** The lines `init` prints after scaffolding: what to run next, and what to set before the first apply. */
export function nextSteps(result: InitResult, cwd: string): string {
  const fromCwd = path.relative(cwd, result.folder);
  const relative = fromCwd === "" ? "." : fromCwd.startsWith("..") ? result.folder : fromCwd;
  const lines = [
    `scaffolded ${result.spec.project} in ${relative} (${result.files.length} files${result.gitInitialized ? ", git repository initialized" : ""})`,
    "",
    "next:",
    ...(relative === "." ? [] : [`  cd ${/^[\w./-]+$/.test(relative) ? relative : JSON.stringify(relative)}`]),
    "  npm install",
    "  npm test",
    "  npm run synth",
    ...(result.spec.delivery ? ["  npx cdktf-gitops pipelines write   # the generated pipelines, into the infra repository"] : []),
    '  git add -A && git commit -m "infrastructure scaffold"',
    "  npx cdktf-gitops publish",
  ];
  if (result.spec.samples.length > 0) {
    lines.push("", `before the first terraform apply, set ${result.spec.samples.join(", ")} in environments/shared.ts (sample values)`);
  }
  return `${lines.join("\n")}\n`;
}
