import * as fs from "fs";
import * as path from "path";
import { bareRemote, cli, commitAll, commitsOn, fileOn, git, gitShim, image, sourceRepo, testEnv, tmpDir, trailersOf, writePinsFile } from "./support";

const WEB = [image("web", "web-1"), image("web", "web-2"), image("web", "web-3")];
const API_1 = image("api", "api-1");

/** publish → change an app → publish → change again → publish, with staging changing in between. */
async function threeReleases() {
  const env = testEnv();
  const remote = bareRemote(env);
  const source = sourceRepo(env, { pins: { dev: { web: WEB[0], api: API_1 }, staging: { web: WEB[0] } } });
  const sources = [git(source, ["rev-parse", "HEAD"], env)];
  expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
  writePinsFile(source, "dev", { web: WEB[1], api: API_1 });
  sources.push(commitAll(source, "web 2", env));
  expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
  writePinsFile(source, "dev", { web: WEB[2], api: API_1 });
  writePinsFile(source, "staging", { web: WEB[1] });
  sources.push(commitAll(source, "web 3 in dev, web 2 in staging", env));
  expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
  return { env, remote, source, sources };
}

describe("history", () => {
  test("lists an environment's releases newest first with id, time, source commit, apps and digests", async () => {
    const { env, remote, source, sources } = await threeReleases();

    const run = await cli(source, env, "history", "--env", "dev", "--repo", remote, "--json");

    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.releases).toHaveLength(3);
    expect(result.releases.map((r: { sourceCommit: string }) => r.sourceCommit)).toEqual([...sources].reverse());
    expect(result.releases.map((r: { apps: { web: string } }) => r.apps.web)).toEqual([WEB[2], WEB[1], WEB[0]]);
    for (const r of result.releases) {
      expect(r).toMatchObject({ kind: "publish", removed: false, id: expect.stringMatching(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/), time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
      expect(trailersOf(remote, r.commit, env)["Release-Id"]).toBe(r.id);
    }
    // staging changed only in the first and third publish
    const staging = JSON.parse((await cli(source, env, "history", "--env", "staging", "--repo", remote, "--json")).stdout);
    expect(staging.releases.map((r: { apps: { web: string } }) => r.apps.web)).toEqual([WEB[1], WEB[0]]);

    const text = await cli(source, env, "history", "--env", "dev", "--repo", remote, "--limit", "1");
    expect(text.stdout).toContain(result.releases[0].id);
    expect(text.stdout).toContain(`source ${sources[2]}`);
    expect(text.stdout).toContain(`web  ${WEB[2]}`);
    expect(text.stdout).not.toContain(result.releases[1].id);
  });

  test("reads commit metadata only: no listing of a tree, however large the repository", async () => {
    const { env, remote, source } = await threeReleases();
    // a git on PATH that logs its arguments, then runs the real one
    const log = path.join(tmpDir("history-git-"), "calls.log");
    const shim = gitShim(`echo "$*" >> "${log}"`);
    const run = await cli(source, { ...env, PATH: `${shim}${path.delimiter}${env.PATH}` }, "history", "--env", "dev", "--limit", "2", "--repo", remote, "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).releases).toHaveLength(2);
    const calls = fs.readFileSync(log, "utf8");
    expect(calls).toContain(" log ");
    expect(calls).not.toMatch(/ls-tree|read-tree/);
  });

  test("an unknown environment is a clear error", async () => {
    const { env, remote, source } = await threeReleases();
    const run = await cli(source, env, "history", "--env", "qa", "--repo", remote);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown environment "qa"');
    expect(run.stderr).toContain("has: dev, staging");
  });
});

describe("rollback", () => {
  test("restores only environments/<env>/ to the previous release with a new commit naming the reverted release", async () => {
    const { env, remote, source } = await threeReleases();
    const before = JSON.parse((await cli(source, env, "history", "--env", "dev", "--repo", remote, "--json")).stdout).releases;
    const stagingBefore = git(remote, ["rev-parse", "main:environments/staging"], env);
    const commits = commitsOn(remote, env);

    const run = await cli(source, env, "rollback", "--env", "dev", "--repo", remote);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`rolled dev back to release ${before[1].id} (reverting ${before[0].id})`);
    const after = commitsOn(remote, env);
    expect(after.slice(1)).toEqual(commits); // a new commit on top: no force-push, nothing lost
    expect(git(remote, ["rev-parse", "main:environments/dev"], env)).toBe(git(remote, [`rev-parse`, `${before[1].commit}:environments/dev`], env));
    expect(git(remote, ["rev-parse", "main:environments/staging"], env)).toBe(stagingBefore);
    expect(git(remote, ["diff", "--name-only", "main~1", "main"], env).split("\n").every((f) => f.startsWith("environments/dev/"))).toBe(true);
    expect(trailersOf(remote, "main", env)).toMatchObject({
      "Release-Kind": "rollback",
      Environments: "dev",
      "Reverts-Release": before[0].id,
      "Restores-Release": before[1].id,
      "Restores-Commit": before[1].commit,
    });
    expect(JSON.parse(fileOn(remote, "environments/dev/release.json", env)).apps.web).toBe(WEB[1]);

    const history = JSON.parse((await cli(source, env, "history", "--env", "dev", "--repo", remote, "--json")).stdout).releases;
    expect(history).toHaveLength(4);
    expect(history[0]).toMatchObject({ kind: "rollback", reverts: before[0].id, restores: before[1].id, apps: { web: WEB[1] } });
    const text = (await cli(source, env, "history", "--env", "dev", "--repo", remote)).stdout;
    expect(text).toContain(`rollback to ${before[1].id} (reverts ${before[0].id})`);
  });

  test("restores exactly the folder: files added after the target release are deleted, --json lists the file changes", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB[0] } } });
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    const target = git(remote, ["rev-parse", "main"], env);
    writePinsFile(source, "dev", { web: WEB[1], api: API_1 }); // adds the api app (files and a stack)
    commitAll(source, "api in dev", env);
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);

    const run = await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--json");

    expect(run.code).toBe(0);
    expect(git(remote, ["rev-parse", "main:environments/dev"], env)).toBe(git(remote, ["rev-parse", `${target}:environments/dev`], env));
    expect(JSON.parse(run.stdout).files).toEqual([
      { status: "D", path: "environments/dev/apps/api/deployment-api.yaml" },
      { status: "D", path: "environments/dev/apps/api/service-api.yaml" },
      { status: "M", path: "environments/dev/apps/web/deployment-web.yaml" },
      { status: "M", path: "environments/dev/release.json" },
      { status: "D", path: "environments/dev/terraform/app-api/cdk.tf.json" },
    ]);
    expect((await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--verbose")).stdout).toContain("  A environments/dev/apps/api/service-api.yaml\n"); // rolling back the rollback
  });

  test("--to restores a named release (by id or commit hash); --steps goes further back", async () => {
    const { env, remote, source } = await threeReleases();
    const releases = JSON.parse((await cli(source, env, "history", "--env", "dev", "--repo", remote, "--json")).stdout).releases;

    const byId = await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--to", releases[2].id, "--json");
    expect(byId.code).toBe(0);
    expect(JSON.parse(byId.stdout)).toMatchObject({ changed: true, restored: { id: releases[2].id }, reverted: { id: releases[0].id } });
    expect(JSON.parse(fileOn(remote, "environments/dev/release.json", env)).apps.web).toBe(WEB[0]);

    const byCommit = await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--to", releases[0].commit.slice(0, 10));
    expect(byCommit.code).toBe(0);
    expect(JSON.parse(fileOn(remote, "environments/dev/release.json", env)).apps.web).toBe(WEB[2]);

    const steps = await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--steps", "3");
    expect(steps.code).toBe(0);
    // history now: rollback(web3), rollback(web1), publish(web3), publish(web2), publish(web1); 3 back = web2
    expect(JSON.parse(fileOn(remote, "environments/dev/release.json", env)).apps.web).toBe(WEB[1]);

    const same = await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--to", releases[1].id);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("nothing to roll back: dev already matches release");
  });

  test("a target that does not exist, an unknown environment or bad options change nothing", async () => {
    const { env, remote, source } = await threeReleases();
    const head = git(remote, ["rev-parse", "main"], env);

    const missing = await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--to", "20200101T000000Z-deadbeef");
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('release "20200101T000000Z-deadbeef" is not in the history of dev; run "cdktf-gitops history --env dev"');

    const tooFar = await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--steps", "3");
    expect(tooFar.code).toBe(2);
    expect(tooFar.stderr).toContain("dev has 2 earlier release(s), so --steps 3 has no target");

    const unknown = await cli(source, env, "rollback", "--env", "qa", "--repo", remote);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown environment "qa"');

    const both = await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--to", "x", "--steps", "1");
    expect(both.code).toBe(2);

    const zero = await cli(source, env, "rollback", "--env", "dev", "--repo", remote, "--steps", "0");
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain("--steps 0 is not valid");

    expect(git(remote, ["rev-parse", "main"], env)).toBe(head);
  });
});
