import { execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { main } from "../../lib/cli/main";
import { TEST_TMP } from "../support/test-tmp";

/** Root of this project. */
export const PROJECT_ROOT = path.resolve(__dirname, "../..");
/** The CLI entry point. */
export const BIN = path.join(PROJECT_ROOT, "bin", "cdktf-gitops.js");

/** An image reference pinned by digest, from a short seed. */
export function image(app: string, seed: string): string {
  const hex = Buffer.from(seed).toString("hex").padEnd(64, "0").slice(0, 64);
  return `registry.example.com/${app}:1.0@sha256:${hex}`;
}

export { TEST_TMP };

const tmpDirs: string[] = [];

/** A temporary folder removed after the test file. */
export function tmpDir(prefix = "release-test-", base = TEST_TMP): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(base, prefix)));
  tmpDirs.push(dir);
  return dir;
}

/** The absolute path of a command on this machine's PATH. */
export function commandPath(command: string): string {
  return execFileSync("sh", ["-c", `command -v ${command}`], { encoding: "utf8" }).trim();
}

/** Processes whose working folder is inside `dir`: `pid: command line` (gone or foreign ones left out). */
export function processesIn(dir: string): string[] {
  const found: string[] = [];
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(dir)) found.push(`${pid}: ${fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ")}`);
    } catch {
      // gone, or not ours
    }
  }
  return found;
}

/** The entries of `folder` once it is empty, or after 5 s (what is left then): for folders removed in the background. */
export async function emptied(folder: string): Promise<string[]> {
  for (let i = 0; i < 50 && fs.readdirSync(folder).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  return fs.readdirSync(folder);
}

/** A folder with a `git` shell script that runs `prelude` and then the real git; put it first on PATH. */
export function gitShim(prelude: string): string {
  const dir = tmpDir("release-shim-");
  fs.writeFileSync(path.join(dir, "git"), `#!/bin/sh\n${prelude}\nexec "${commandPath("git")}" "$@"\n`, { mode: 0o755 });
  return dir;
}

afterAll(() => {
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Environment for git and the CLI that does not depend on the machine's git config: an empty HOME, no global
 * or system config, and a test identity.
 */
export function testEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const home = tmpDir("release-home-");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("GIT_")) delete env[key];
  delete env.CDKTF_GITOPS_CACHE;
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: home,
    XDG_CACHE_HOME: path.join(home, ".cache"),
    TMPDIR: TEST_TMP,
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Release Test",
    GIT_AUTHOR_EMAIL: "release-test@example.com",
    GIT_COMMITTER_NAME: "Release Test",
    GIT_COMMITTER_EMAIL: "release-test@example.com",
    NO_COLOR: "1",
    ...extra,
  };
}

/**
 * The tests' own git commands skip git's automatic maintenance: after each commit, git would otherwise start
 * `git maintenance run --auto` (122 processes in the release and CLI suites, counted with strace). Only here:
 * the commands under test get the environment as given, so that their own guard against a background gc stays
 * tested (large-publish.test.ts).
 */
const NO_AUTO_MAINTENANCE = ["-c", "maintenance.auto=false", "-c", "gc.auto=0"];

/** Runs git and returns trimmed stdout; throws on failure. */
export function git(dir: string, args: string[], env: NodeJS.ProcessEnv = testEnv()): string {
  const result = spawnSync("git", [...NO_AUTO_MAINTENANCE, ...args], { cwd: dir, env, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * A bare GitOps remote. It does not start `git gc --auto` after each push it receives (`receive.autogc`): the
 * hosted repository it stands in for runs its own maintenance, and here it was one more process per push (125).
 */
export function bareRemote(env: NodeJS.ProcessEnv): string {
  const dir = path.join(tmpDir("release-remote-"), "gitops.git");
  git(path.dirname(dir), ["init", "--quiet", "--bare", "--initial-branch=main", dir], env);
  fs.appendFileSync(path.join(dir, "config"), "[receive]\n\tautogc = false\n");
  return dir;
}

/** Options of `sourceRepo`. */
export interface SourceRepoOptions {
  readonly environments?: string[];
  readonly pins?: Record<string, Record<string, string>>;
  /** The environment each environment promotes from (written to `environment.json` by the fake synth). @default - none written */
  readonly promotesFrom?: Record<string, string | null>;
  /** Make it a git repository with one commit. @default true */
  readonly git?: boolean;
}

/** A source (infra) project: cdktf.json running the fake synth, its environments file, pins files; committed. */
export function sourceRepo(env: NodeJS.ProcessEnv, options: SourceRepoOptions = {}): string {
  const dir = tmpDir("release-source-");
  fs.copyFileSync(path.join(__dirname, "fake-synth.sh"), path.join(dir, "synth.sh"));
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "sh synth.sh" }, null, 2));
  writeEnvironments(dir, options.environments ?? ["dev", "staging"], options.promotesFrom);
  fs.writeFileSync(path.join(dir, ".gitignore"), "cdktf.out/\n.gitops/\n");
  for (const [envName, pins] of Object.entries(options.pins ?? {})) writePinsFile(dir, envName, pins);
  if (options.git ?? true) {
    git(dir, ["init", "--quiet", "--initial-branch=main"], env);
    commitAll(dir, "initial source", env);
  }
  return dir;
}

/**
 * Writes the environments the fake synth makes (fake-synth.sh): one line each, with the environment it promotes
 * from (`-` for none) where `promotesFrom` names it, so that the synth writes its environment.json.
 */
export function writeEnvironments(dir: string, environments: readonly string[], promotesFrom?: Record<string, string | null>): void {
  const line = (name: string): string => (promotesFrom && name in promotesFrom ? `${name} ${promotesFrom[name] ?? "-"}` : name);
  fs.writeFileSync(path.join(dir, "environments.txt"), environments.map((name) => `${line(name)}\n`).join(""));
}

/** Writes a pins file the way promote does. */
export function writePinsFile(dir: string, envName: string, pins: Record<string, string>): void {
  const file = path.join(dir, "environments", "pins", `${envName}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sorted: Record<string, string> = {};
  for (const key of Object.keys(pins).sort()) sorted[key] = pins[key];
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

/** Commits every change of a source repository. */
export function commitAll(dir: string, message: string, env: NodeJS.ProcessEnv): string {
  git(dir, ["add", "-A"], env);
  git(dir, ["commit", "--quiet", "-m", message], env);
  return git(dir, ["rev-parse", "HEAD"], env);
}

/** Result of running the CLI. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process in a folder. */
export async function cli(cwd: string, env: NodeJS.ProcessEnv, ...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { cwd, env, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stderrIsTTY: false });
  return { code, stdout, stderr };
}

/** Runs the CLI as a child process (`node bin/cdktf-gitops.js ...`), resolving when it exits. */
export function cliProcess(cwd: string, env: NodeJS.ProcessEnv, argv: string[]): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...argv], { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
  });
}

/** Files on a branch of a repository (bare or not). */
export function filesOn(repo: string, env: NodeJS.ProcessEnv, branch = "main"): string[] {
  const out = git(repo, ["ls-tree", "-r", "--name-only", branch], env);
  return out ? out.split("\n") : [];
}

/** A file's text on a branch. */
export function fileOn(repo: string, file: string, env: NodeJS.ProcessEnv, branch = "main"): string {
  return git(repo, ["show", `${branch}:${file}`], env);
}

/** Commit hashes of a branch, newest first. */
export function commitsOn(repo: string, env: NodeJS.ProcessEnv, branch = "main"): string[] {
  if (!git(repo, ["for-each-ref", `refs/heads/${branch}`], env)) return [];
  const out = git(repo, ["rev-list", branch], env);
  return out ? out.split("\n") : [];
}

/** Trailers of a commit as an object. */
export function trailersOf(repo: string, commit: string, env: NodeJS.ProcessEnv): Record<string, string> {
  const out = git(repo, ["log", "-1", "--format=%(trailers:unfold=true)", commit], env);
  const result: Record<string, string> = {};
  for (const line of out.split("\n")) {
    const m = /^([A-Za-z-]+): (.*)$/.exec(line);
    if (m) result[m[1]] = m[2];
  }
  return result;
}
