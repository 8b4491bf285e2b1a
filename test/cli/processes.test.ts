import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import {
  bareRemote,
  BIN,
  cliProcess,
  commitAll,
  commandPath,
  commitsOn,
  emptied,
  fileOn,
  filesOn,
  git,
  gitShim,
  image,
  PROJECT_ROOT,
  sourceRepo,
  testEnv,
  tmpDir,
  trailersOf,
  writePinsFile,
} from "../release/support";

const WEB_1 = image("web", "web-1");
/** In a git shim run by a push: the pid of the CLI (the first Node process above the watchdog that runs the push). */
const CLI_PID = `$(p=$PPID; while [ "$p" -gt 1 ] && [ "$(cat /proc/$p/comm)" != node ]; do p=$(awk '{print $4}' /proc/$p/stat); done; echo $p)`;

/** Every file below a folder, relative, `/`-separated. */
function listAll(root: string, prefix = ""): string[] {
  return fs.readdirSync(path.join(root, prefix), { withFileTypes: true }).flatMap((e) => {
    const relative = prefix ? `${prefix}/${e.name}` : e.name;
    return e.isDirectory() ? listAll(root, relative) : [relative];
  });
}

/** Resolves with the first line of `file` once it has one (polled every 20 ms; rejects after 20 s). */
async function firstLineOf(file: string): Promise<string> {
  for (let waited = 0; ; waited += 20) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (text.includes("\n")) return text.slice(0, text.indexOf("\n"));
    if (waited > 20000) throw new Error(`${file} had no line within 20 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Resolves with whether process `pid` is gone within 2 s (polled every 20 ms). */
async function processGone(pid: number): Promise<boolean> {
  for (let waited = 0; waited <= 2000; waited += 20) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/**
 * Starts `publish` as a process whose synth sleeps, and resolves once the synth has started with the synth's pid
 * and a function that kills the publish process (SIGKILL, not its synth) and resolves with the signal it ended by.
 */
async function publishWaitingInSynth(source: string, remote: string, env: NodeJS.ProcessEnv): Promise<{ synthPid: number; kill: () => Promise<string | null> }> {
  const started = path.join(tmpDir(), "synth-started");
  const child = spawn(process.execPath, [BIN, "publish", "--repo", remote], { cwd: source, env: { ...env, FAKE_SYNTH_SLEEP_MS: "5000", FAKE_SYNTH_STARTED_FILE: started } });
  const exited = new Promise<string | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
  const synthPid = Number(await firstLineOf(started));
  const kill = () => {
    child.kill("SIGKILL");
    return exited;
  };
  return { synthPid, kill };
}

describe("cdktf-gitops as a process", () => {
  test("two publishes at once both land in one linear history; no commit is lost", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const base = sourceRepo(env, { pins: { dev: { web: WEB_1 }, staging: { web: WEB_1 } } });
    expect((await cliProcess(base, env, ["publish", "--repo", remote])).code).toBe(0);
    // two clones of the source, each with its own change
    const a = path.join(tmpDir(), "a");
    const b = path.join(tmpDir(), "b");
    git(base, ["clone", "--quiet", base, a], env);
    git(base, ["clone", "--quiet", base, b], env);
    writePinsFile(a, "dev", { web: image("web", "from-a") });
    commitAll(a, "a: dev web", env);
    writePinsFile(b, "staging", { web: image("web", "from-b") });
    commitAll(b, "b: staging web", env);

    const slowPush = gitShim(`for a in "$@"; do if [ "$a" = push ]; then sleep 1; fi; done`);
    const slowEnv = { ...env, PATH: `${slowPush}${path.delimiter}${env.PATH}` };

    const [ra, rb] = await Promise.all([cliProcess(a, slowEnv, ["publish", "--repo", remote, "--env", "dev"]), cliProcess(b, slowEnv, ["publish", "--repo", remote, "--env", "staging"])]);

    expect([ra.code, rb.code, ra.stderr, rb.stderr]).toEqual([0, 0, expect.any(String), expect.any(String)]);
    expect(`${ra.stderr}${rb.stderr}`).toContain("push rejected: main moved on; fetching and re-applying the release (attempt 2 of 5)");
    const commits = commitsOn(remote, env);
    expect(commits).toHaveLength(3);
    expect(git(remote, ["rev-list", "--merges", "main"], env)).toBe(""); // linear, no merge commits
    expect(fileOn(remote, "environments/dev/apps/web/deployment-web.yaml", env)).toContain(image("web", "from-a"));
    expect(fileOn(remote, "environments/staging/apps/web/deployment-web.yaml", env)).toContain(image("web", "from-b"));
    expect(new Set([trailersOf(remote, commits[0], env).Environments, trailersOf(remote, commits[1], env).Environments])).toEqual(new Set(["dev", "staging"]));
  });

  test("two publishes of the same environment at once: the loser fetches, re-applies on top and both commits land", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const a = sourceRepo(env, { pins: { dev: { web: image("web", "a") } } });
    const b = sourceRepo(env, { pins: { dev: { web: image("web", "b") } } });
    // a git shim that holds every push for a moment, so both publishes fetch before either pushes
    const slowPush = gitShim(`for a in "$@"; do if [ "$a" = push ]; then sleep 1; fi; done`);
    const slowEnv = { ...env, PATH: `${slowPush}${path.delimiter}${env.PATH}` };

    const results = await Promise.all([cliProcess(a, slowEnv, ["publish", "--repo", remote, "--json"]), cliProcess(b, slowEnv, ["publish", "--repo", remote, "--json"])]);

    expect(results.map((r) => [r.code, r.stderr])).toEqual([[0, expect.any(String)], [0, expect.any(String)]]);
    const parsed = results.map((r) => JSON.parse(r.stdout));
    const commits = commitsOn(remote, env);
    expect(commits).toHaveLength(2);
    expect(new Set(parsed.map((p) => p.commit))).toEqual(new Set(commits));
    // the later commit decides the content, and its release.json matches its own manifests
    const release = JSON.parse(fileOn(remote, "environments/dev/release.json", env));
    expect(fileOn(remote, "environments/dev/apps/web/deployment-web.yaml", env)).toContain(release.apps.web);
    expect(Math.max(...parsed.map((p) => p.attempts))).toBe(2);
    expect(results.some((r) => r.stderr.includes("push rejected: main moved on; fetching and re-applying the release"))).toBe(true);
  });

  test("an interrupted publish (killed while synthesizing, or just before the push) leaves the repository unchanged", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    expect((await cliProcess(source, env, ["publish", "--repo", remote])).code).toBe(0);
    const head = git(remote, ["rev-parse", "main"], env);
    writePinsFile(source, "dev", { web: image("web", "web-2") });
    commitAll(source, "web 2", env);

    // killed while the app synthesizes
    const { kill } = await publishWaitingInSynth(source, remote, env);
    expect(await kill()).toBe("SIGKILL");
    expect(git(remote, ["rev-parse", "main"], env)).toBe(head);

    // killed after committing in its cache, just before the push: a git shim kills the CLI on `push` (the
    // shim's parent is the push's watchdog, whose parent is the CLI)
    const shims = gitShim(`for a in "$@"; do if [ "$a" = push ]; then kill -9 ${CLI_PID}; exit 1; fi; done`);
    const killed = await cliProcess(source, { ...env, PATH: `${shims}${path.delimiter}${env.PATH}` }, ["publish", "--repo", remote]);
    expect(killed.stderr).toContain("pushing to");
    expect(killed.stdout).toBe("");
    expect(git(remote, ["rev-parse", "main"], env)).toBe(head);
    expect(git(remote, ["for-each-ref", "--format=%(refname)"], env)).toBe("refs/heads/main");

    // and the next publish goes through
    expect((await cliProcess(source, env, ["publish", "--repo", remote])).code).toBe(0);
    expect(commitsOn(remote, env)).toHaveLength(2);
  });

  test("kill -9 of the CLI while its git push runs: the push dies with it and the repository stays as it was", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    expect((await cliProcess(source, env, ["publish", "--repo", remote])).code).toBe(0);
    const head = git(remote, ["rev-parse", "main"], env);
    writePinsFile(source, "dev", { web: image("web", "web-2") });
    commitAll(source, "web 2", env);
    const marker = path.join(tmpDir(), "pushed");
    // the push kills its CLI, waits a moment (for the watchdog to act), then really pushes
    // (and leaves a mark) unless it was killed too
    const shims = gitShim(`for a in "$@"; do if [ "$a" = push ]; then kill -9 ${CLI_PID}; sleep 1; touch "${marker}"; fi; done`);

    const killed = await cliProcess(source, { ...env, PATH: `${shims}${path.delimiter}${env.PATH}` }, ["publish", "--repo", remote]);

    expect(killed.code).toBe(128); // killed by a signal
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(fs.existsSync(marker)).toBe(false);
    expect(git(remote, ["rev-parse", "main"], env)).toBe(head);
    expect((await cliProcess(source, env, ["publish", "--repo", remote])).code).toBe(0);
    expect(commitsOn(remote, env)).toHaveLength(2);
  });

  test("temporary folders are removed however the command ends: success, error, or killed while synthesizing", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    const tmp = tmpDir("release-tmp-");
    const tmpEnv = { ...env, TMPDIR: tmp };

    expect((await cliProcess(source, tmpEnv, ["publish", "--repo", remote])).code).toBe(0);
    expect(await emptied(tmp)).toEqual([]);
    expect((await cliProcess(source, tmpEnv, ["history", "--env", "qa", "--repo", remote])).code).toBe(2);
    expect(await emptied(tmp)).toEqual([]);

    writePinsFile(source, "dev", { web: image("web", "web-2") });
    commitAll(source, "web 2", env);
    // an app that goes on writing into its output folder in the run folder until it is killed
    const { synthPid, kill } = await publishWaitingInSynth(source, remote, { ...tmpEnv, FAKE_SYNTH_KEEP_WRITING: "1" });
    expect(fs.readdirSync(tmp)).toHaveLength(1); // the run folder, holding the synth output
    expect(await kill()).toBe("SIGKILL");
    // the app dies with the command, and the watcher removes the run folder only after it: nothing the app wrote
    // on the way is left
    expect(await processGone(synthPid)).toBe(true);
    expect(await emptied(tmp)).toEqual([]);
  });

  test("the app holds the run-folder watcher's pipe, and a line it writes there does not remove the folder", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    const run = await cliProcess(source, { ...env, FAKE_SYNTH_LINE_TO_FD4: "1" }, ["publish", "--repo", remote]);
    expect(run.stderr).not.toMatch(/descriptor 4 is not open|run folder .* is gone/);
    expect(run.code).toBe(0);
  });

  test("without a POSIX shell (PATH holds only node and git), the run folder of a killed command is removed too", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    // an app run by node (the fake synth is a shell script): it says it started, then writes into its output
    // folder until it is killed
    fs.writeFileSync(path.join(source, "synth.js"), 'const fs = require("fs");\nfs.writeFileSync(process.env.FAKE_SYNTH_STARTED_FILE, `${process.pid}\\n`);\nconst timer = setInterval(() => fs.mkdirSync(`${process.env.CDKTF_OUTDIR}/still-writing`, { recursive: true }), 1);\nsetTimeout(() => clearInterval(timer), 5000);\n');
    fs.writeFileSync(path.join(source, "cdktf.json"), JSON.stringify({ language: "typescript", app: "node synth.js" }));
    commitAll(source, "an app run by node", env);
    const bin = tmpDir("release-no-shell-");
    fs.symlinkSync(process.execPath, path.join(bin, "node"));
    fs.symlinkSync(commandPath("git"), path.join(bin, "git"));
    const tmp = tmpDir("release-tmp-");
    const { synthPid, kill } = await publishWaitingInSynth(source, remote, { ...env, PATH: bin, TMPDIR: tmp });
    expect(fs.readdirSync(tmp)).toHaveLength(1);
    expect(await kill()).toBe("SIGKILL");
    expect(await processGone(synthPid)).toBe(true);
    expect(await emptied(tmp)).toEqual([]);
  });

  test("end to end with the real synth of this project: publish the reference platform, then verify", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const out = path.join(tmpDir(), "cdktf.out");
    const synth = spawnSync(process.execPath, ["-r", "./register.js", "main.ts"], { cwd: PROJECT_ROOT, env: { ...env, CDKTF_OUTDIR: out }, encoding: "utf8" });
    expect(synth.status).toBe(0);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
    const stacks = Object.keys(manifest.stacks);

    // --allow-dirty: the developer's checkout may have uncommitted work; a fresh clone is clean
    const run = await cliProcess(PROJECT_ROOT, env, ["publish", "--repo", remote, "--out", out, "--allow-dirty", "--json"]);
    expect(run.code).toBe(0);
    const files = filesOn(remote, env);
    for (const name of stacks) {
      const dash = name.indexOf("-");
      const expected = dash > 0 ? `environments/${name.slice(0, dash)}/terraform/${name.slice(dash + 1)}/cdk.tf.json` : `bootstrap/terraform/${name}/cdk.tf.json`;
      expect(files).toContain(expected);
    }
    for (const envName of ["dev", "staging", "prod"]) expect(files).toContain(`environments/${envName}/release.json`);
    const gitopsFiles = fs.existsSync(path.join(out, "gitops")) ? listAll(path.join(out, "gitops")) : [];
    for (const file of gitopsFiles) expect(files).toContain(`environments/${file}`);

    // verify synthesizes afresh with the app command from cdktf.json and compares
    const verify = await cliProcess(PROJECT_ROOT, env, ["verify", "--repo", remote]);
    expect(verify.stdout).toContain("matches a fresh synth");
    expect(verify.code).toBe(0);
  });
});
