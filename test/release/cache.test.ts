import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bareRemote, cli, commitAll, commitsOn, fileOn, git, image, sourceRepo, testEnv, writePinsFile } from "./support";

const WEB_1 = image("web", "web-1");
const WEB_2 = image("web", "web-2");

/** The cache folder of the (only) repository a test used. */
function cacheOf(env: NodeJS.ProcessEnv): string {
  const root = path.join(env.XDG_CACHE_HOME!, "cdktf-gitops");
  const dirs = fs.readdirSync(root).filter((d) => fs.statSync(path.join(root, d)).isDirectory());
  expect(dirs).toHaveLength(1);
  return path.join(root, dirs[0]);
}

/** Every file below a folder. */
function filesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesBelow(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

async function published(): Promise<{ env: NodeJS.ProcessEnv; remote: string; source: string }> {
  const env = testEnv();
  const remote = bareRemote(env);
  const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
  expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
  return { env, remote, source };
}

describe("the repository cache", () => {
  test("is kept between commands, holds the branch head, and never stores the repository URL in its config", async () => {
    const { env, remote, source } = await published();
    const cache = cacheOf(env);
    expect(git(cache, ["rev-parse", "refs/remotes/origin/main"], env)).toBe(git(remote, ["rev-parse", "main"], env));
    expect(fs.readFileSync(path.join(cache, "config"), "utf8")).not.toContain("url =");
    expect(fs.existsSync(path.join(cache, "gc.pid")) || fs.existsSync(path.join(cache, "gc.log"))).toBe(false);
    expect((await cli(source, env, "verify", "--repo", remote)).code).toBe(0);
    expect(cacheOf(env)).toBe(cache);
  });

  test("the tracking ref is read from its file; a packed one is read by git, one that holds no object id makes the cache be rebuilt", async () => {
    const { env, remote, source } = await published();
    const cache = cacheOf(env);
    const ref = path.join(cache, "refs", "remotes", "origin", "main");
    const head = git(remote, ["rev-parse", "main"], env);
    expect(fs.readFileSync(ref, "utf8")).toBe(`${head}\n`);
    git(cache, ["pack-refs", "--all"], env);
    expect(fs.existsSync(ref)).toBe(false);
    expect((await cli(source, env, "verify", "--repo", remote)).code).toBe(0);
    fs.mkdirSync(path.dirname(ref), { recursive: true });
    fs.writeFileSync(ref, "not an object id\n");
    const run = await cli(source, env, "verify", "--repo", remote);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("refs/remotes/origin/main holds no object id); rebuilding it");
    expect(fs.readFileSync(ref, "utf8")).toBe(`${head}\n`);
  });

  test("a deleted cache, or one whose objects are gone, is rebuilt", async () => {
    const { env, remote, source } = await published();
    const cache = cacheOf(env);
    fs.rmSync(cache, { recursive: true, force: true });
    expect((await cli(source, env, "verify", "--repo", remote)).code).toBe(0);
    fs.rmSync(path.join(cache, "objects"), { recursive: true, force: true });
    writePinsFile(source, "dev", { web: WEB_2 });
    commitAll(source, "web 2", env);
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    expect(fileOn(remote, "environments/dev/apps/web/deployment-web.yaml", env)).toContain(WEB_2);
  });

  test("a cache with damaged objects is rebuilt, never trusted", async () => {
    const { env, remote, source } = await published();
    const cache = cacheOf(env);
    for (const file of filesBelow(path.join(cache, "objects")).filter((f) => !f.endsWith(".idx") && !/info|commit-graph/.test(f))) {
      fs.chmodSync(file, 0o644);
      fs.writeFileSync(file, Buffer.alloc(fs.statSync(file).size, 7));
    }
    writePinsFile(source, "dev", { web: WEB_2 });
    commitAll(source, "web 2", env);

    const run = await cli(source, env, "publish", "--repo", remote);

    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/the repository cache .* failed a check .*; rebuilding it/);
    expect(commitsOn(remote, env)).toHaveLength(2);
    expect(git(remote, ["diff", "--name-only", "main~1", "main"], env).split("\n")).toEqual(["environments/dev/apps/web/deployment-web.yaml", "environments/dev/release.json"]);
  });

  // a replace ref makes git in the cache answer an object's id with another object's content
  test.each([
    ["trees", "environments/dev", "bootstrap", (_: string) => /failed a check \(tree .* does not match its content\); rebuilding it/],
    ["blobs (release.json)", "environments/dev/release.json", "bootstrap/terraform/state/cdk.tf.json", (id: string) => new RegExp(`failed a check \\(blob ${id} does not match its content\\); rebuilding it`)],
  ])("a cache whose %s do not match their ids (here: a replace ref) is caught and rebuilt", async (_, replaced, by, message) => {
    const { env, remote, source } = await published();
    const cache = cacheOf(env);
    const id = git(cache, ["rev-parse", `refs/remotes/origin/main:${replaced}`], env);
    git(cache, ["replace", id, git(cache, ["rev-parse", `refs/remotes/origin/main:${by}`], env)], env);

    const run = await cli(source, env, "verify", "--repo", remote);

    expect(run.stderr).toMatch(message(id));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("matches a fresh synth");
  });

  test("a lock left by a killed command is broken; one of a live process is waited for", async () => {
    const { env, remote, source } = await published();
    const lock = `${cacheOf(env)}.lock`;
    fs.writeFileSync(lock, `999999999 ${os.hostname()} ${Date.now()}`);
    expect((await cli(source, env, "verify", "--repo", remote)).code).toBe(0);
    expect(fs.existsSync(lock)).toBe(false);

    fs.writeFileSync(lock, `${process.pid} ${os.hostname()} ${Date.now()}`);
    // the command blocks this process while it waits, so another process releases the lock
    spawn("sh", ["-c", 'sleep 1; rm -f "$0"', lock], { stdio: "ignore" });
    const waited = await cli(source, env, "history", "--env", "dev", "--repo", remote);
    expect(waited.stderr).toContain(`waiting for process ${process.pid} to finish with the repository cache`);
    expect(waited.code).toBe(0);
  });
});

describe("the cache folder", () => {
  test("CDKTF_GITOPS_CACHE chooses it; one that cannot be created is a repository problem (exit code 3) naming the fix", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    const chosen = path.join(path.dirname(remote), "my-cache");
    expect((await cli(source, { ...env, CDKTF_GITOPS_CACHE: chosen }, "publish", "--repo", remote)).code).toBe(0);
    expect(fs.readdirSync(chosen).some((d) => d.startsWith("gitops.git-"))).toBe(true);
    const file = path.join(path.dirname(remote), "a-file");
    fs.writeFileSync(file, "");
    const run = await cli(source, { ...env, CDKTF_GITOPS_CACHE: path.join(file, "cache") }, "verify", "--repo", remote);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("cannot create the repository cache folder");
    expect(run.stderr).toContain("set CDKTF_GITOPS_CACHE to a writable folder");
  });
});
