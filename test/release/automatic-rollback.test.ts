import * as fs from "fs";
import * as path from "path";
import { bareRemote, cli, cliProcess, commitAll, commitsOn, fileOn, git, image, sourceRepo, testEnv, tmpDir, trailersOf, writePinsFile } from "./support";

const WEB = [image("web", "web-1"), image("web", "web-2"), image("web", "web-3")];
const FIXTURES = path.join(__dirname, "fixtures", "dispatch");

/**
 * A recorded dispatch event (as Flux's githubdispatch provider or the generated Argo CD template sends it) with
 * its GitOps revision set to `revision`: the recordings name a placeholder commit, the test repositories' commits differ.
 */
function eventFile(fixture: string, revision: string, change: (event: any) => void = () => undefined): string {
  const event = JSON.parse(fs.readFileSync(path.join(FIXTURES, fixture), "utf8"));
  if (event.client_payload.metadata?.revision !== undefined) event.client_payload.metadata.revision = `main@sha1:${revision}`;
  else event.client_payload.revision = revision;
  change(event);
  const file = path.join(tmpDir("dispatch-event-"), "event.json");
  fs.writeFileSync(file, JSON.stringify(event));
  return file;
}

/** Two releases of dev (web 1, then web 2) and one of staging; returns the GitOps commits of both dev releases. */
async function twoReleases() {
  const env = testEnv();
  const remote = bareRemote(env);
  const source = sourceRepo(env, { pins: { dev: { web: WEB[0] }, staging: { web: WEB[0] } } });
  expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
  const good = git(remote, ["rev-parse", "main"], env);
  writePinsFile(source, "dev", { web: WEB[1] });
  commitAll(source, "web 2 in dev", env);
  expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
  const bad = git(remote, ["rev-parse", "main"], env);
  const releases = JSON.parse((await cli(source, env, "history", "--env", "dev", "--repo", remote, "--json")).stdout).releases;
  return { env, remote, source, good, bad, releases };
}

async function dispatch(source: string, env: NodeJS.ProcessEnv, remote: string, file: string) {
  const run = await cli(source, env, "rollback", "--dispatch-event", file, "--repo", remote, "--json");
  return { ...run, result: run.stdout ? JSON.parse(run.stdout) : undefined };
}

describe("rollback --dispatch-event (flux githubdispatch)", () => {
  test("reverts a failing latest release once; the same event, a stale event and an event about the rollback change nothing", async () => {
    const { env, remote, source, good, bad, releases } = await twoReleases();

    // stale: the engine reports the older release, which is no longer current
    const stale = await dispatch(source, env, remote, eventFile("flux-apps-health-check-failed.json", good));
    expect(stale.code).toBe(0);
    expect(stale.result).toMatchObject({ changed: false });
    expect(stale.result.skipped).toContain(`now runs release ${releases[0].id}`);
    expect(git(remote, ["rev-parse", "main"], env)).toBe(bad);

    const event = eventFile("flux-apps-health-check-failed.json", bad);
    const run = await dispatch(source, env, remote, event);
    expect(run.code).toBe(0);
    expect(run.result).toMatchObject({ changed: true, reverted: { id: releases[0].id }, restored: { id: releases[1].id }, cause: { source: "flux", revision: bad } });
    const rollback = git(remote, ["rev-parse", "main"], env);
    expect(git(remote, ["rev-parse", "main:environments/dev"], env)).toBe(git(remote, ["rev-parse", `${good}:environments/dev`], env));
    expect(git(remote, ["rev-parse", "main:environments/staging"], env)).toBe(git(remote, ["rev-parse", `${bad}:environments/staging`], env));
    expect(trailersOf(remote, "main", env)).toMatchObject({
      "Release-Kind": "rollback",
      "Reverts-Release": releases[0].id,
      "Restores-Release": releases[1].id,
      "Rollback-Trigger": "automatic",
      "Rollback-Cause": "flux Kustomization/flux-contoso-dev-apps.flux-system HealthCheckFailed",
      "Rollback-Revision": bad,
    });
    const record = JSON.parse(fileOn(remote, "bad-releases/dev.json", env));
    expect(record.releases).toEqual([expect.objectContaining({ release: releases[0].id, commit: bad, rolledBackBy: run.result.releaseId, restored: releases[1].id })]);

    // the same event again (GitHub retries, Flux re-sends while the health check keeps failing)
    const again = await dispatch(source, env, remote, event);
    expect(again.code).toBe(0);
    expect(again.result.changed).toBe(false);
    // the restored release fails too (say, the cluster itself is broken): a rollback never triggers another
    const aboutRollback = await dispatch(source, env, remote, eventFile("flux-apps-health-check-failed.json", rollback));
    expect(aboutRollback.result.changed).toBe(false);
    expect(aboutRollback.result.skipped).toContain("is a rollback");
    expect(commitsOn(remote, env)[0]).toBe(rollback);

    const history = await cli(source, env, "history", "--env", "dev", "--repo", remote, "--limit", "1");
    expect(history.stdout).toContain(`automatic rollback to ${releases[1].id} (reverts ${releases[0].id}; cause: flux Kustomization/flux-contoso-dev-apps.flux-system HealthCheckFailed)`);
    const json = JSON.parse((await cli(source, env, "history", "--env", "dev", "--repo", remote, "--json")).stdout);
    expect(json.releases[0]).toMatchObject({ kind: "rollback", automatic: true });
    expect(json.releases[1].automatic).toBeUndefined();
  });

  test("two workflow runs for the same event at once make one rollback", async () => {
    const { env, remote, source, bad } = await twoReleases();
    const event = eventFile("flux-apps-health-check-failed.json", bad);
    const runs = await Promise.all([1, 2].map(() => cliProcess(source, env, ["rollback", "--dispatch-event", event, "--repo", remote, "--json"])));
    expect(runs.map((r) => r.code)).toEqual([0, 0]);
    expect(runs.map((r) => JSON.parse(r.stdout).changed).sort()).toEqual([false, true]);
    expect(commitsOn(remote, env)[1]).toBe(bad);
    expect(JSON.parse(fileOn(remote, "bad-releases/dev.json", env)).releases).toHaveLength(1);
  });

  test("publish refuses exactly the rolled-back content; --allow-bad-release or a pin change publishes", async () => {
    const { env, remote, source, bad } = await twoReleases();
    expect((await dispatch(source, env, remote, eventFile("flux-apps-health-check-failed.json", bad))).result.changed).toBe(true);
    const rolledBack = git(remote, ["rev-parse", "main"], env);

    // the next merge changes nothing for dev but the source commit: still the bad content
    fs.writeFileSync(path.join(source, "README.md"), "docs only\n");
    commitAll(source, "docs", env);
    const refused = await cli(source, env, "publish", "--repo", remote);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("dev: this is exactly the content of release");
    expect(refused.stderr).toContain("--allow-bad-release");
    expect(git(remote, ["rev-parse", "main"], env)).toBe(rolledBack);
    // other environments are not held back when published on their own
    writePinsFile(source, "staging", { web: WEB[1] });
    commitAll(source, "web 2 in staging", env);
    expect((await cli(source, env, "publish", "--repo", remote, "--env", "staging")).code).toBe(0);

    const forced = await cli(source, env, "publish", "--repo", remote, "--env", "dev", "--allow-bad-release", "--json");
    expect(forced.code).toBe(0);
    expect(JSON.parse(forced.stdout).changed).toBe(true);
    expect(fileOn(remote, "environments/dev/apps/web/deployment-web.yaml", env)).toContain(WEB[1]);
    // the bad-release record survives publishes (it lives outside environments/<env>/)
    expect(JSON.parse(fileOn(remote, "bad-releases/dev.json", env)).releases).toHaveLength(1);

    writePinsFile(source, "dev", { web: WEB[2] });
    commitAll(source, "web 3: the fix", env);
    const fixed = await cli(source, env, "publish", "--repo", remote, "--json");
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout)).toMatchObject({ changed: true, releaseId: expect.any(String), commit: git(remote, ["rev-parse", "main"], env) });
    expect(fileOn(remote, "environments/dev/apps/web/deployment-web.yaml", env)).toContain(WEB[2]);
  });

  test("events that are not rollback requests are ignored with exit code 0", async () => {
    const { env, remote, source, bad } = await twoReleases();
    for (const file of [
      eventFile("flux-apps-reconciliation-succeeded.json", bad),
      eventFile("flux-apps-health-check-failed.json", bad, (e) => delete e.client_payload.metadata.cdktfGitopsRequest),
      eventFile("flux-apps-health-check-failed.json", bad, (e) => (e.client_payload.metadata.revision = `release/2@sha1:${bad}`)),
      path.join(FIXTURES, "unrelated-dispatch.json"),
    ]) {
      const run = await cli(source, env, "rollback", "--dispatch-event", file, "--repo", remote);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^ignored: /);
    }
    expect(git(remote, ["rev-parse", "main"], env)).toBe(bad);
  });

  test("an unreadable or non-JSON event file, and a revision not on the branch, are reported", async () => {
    const { env, remote, source, bad } = await twoReleases();
    const notJson = path.join(tmpDir("dispatch-event-"), "event.json");
    fs.writeFileSync(notJson, "{ not json");
    expect((await cli(source, env, "rollback", "--dispatch-event", notJson, "--repo", remote)).stderr).toContain("is not JSON");
    expect((await cli(source, env, "rollback", "--dispatch-event", path.join(notJson, "missing"), "--repo", remote)).code).toBe(2);
    const unknown = await dispatch(source, env, remote, eventFile("flux-apps-health-check-failed.json", "f".repeat(40)));
    expect(unknown.result).toMatchObject({ changed: false, skipped: expect.stringContaining("is not on main") });
    expect(git(remote, ["rev-parse", "main"], env)).toBe(bad);
    expect((await cli(source, env, "rollback", "--repo", remote)).stderr).toContain("rollback needs --env");
    expect((await cli(source, env, "rollback", "--if-current", bad, "--repo", remote)).stderr).toContain("needs --env");
  });
});

describe("rollback --dispatch-event (argo cd webhook template)", () => {
  test.each(["argocd-apps-health-degraded.json", "argocd-apps-sync-failed.json"])("%s reverts the failing release once", async (fixture) => {
    const { env, remote, source, bad, releases } = await twoReleases();
    const event = eventFile(fixture, bad);
    const run = await dispatch(source, env, remote, event);
    expect(run.result).toMatchObject({ changed: true, reverted: { id: releases[0].id }, cause: { source: "argocd", revision: bad } });
    expect(trailersOf(remote, "main", env)["Rollback-Cause"]).toMatch(/^argocd Application\/dev-apps on-(health-degraded|sync-failed)$/);
    expect((await dispatch(source, env, remote, event)).result.changed).toBe(false);
  });
});

describe("rollback --env --if-current", () => {
  test("takes a release id or a revision; a person's guarded rollback also records the release as bad", async () => {
    const { env, remote, source, good, releases } = await twoReleases();
    const notCurrent = await cli(source, env, "rollback", "--env", "dev", "--if-current", releases[1].id, "--repo", remote, "--json");
    expect(JSON.parse(notCurrent.stdout)).toMatchObject({ changed: false });
    expect(git(remote, ["rev-parse", "main:environments/dev"], env)).not.toBe(git(remote, ["rev-parse", `${good}:environments/dev`], env));

    const run = await cli(source, env, "rollback", "--env", "dev", "--if-current", releases[0].id, "--repo", remote);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`rolled dev back to release ${releases[1].id} (reverting ${releases[0].id}, now recorded as bad)`);
    expect(trailersOf(remote, "main", env)).toMatchObject({ "Rollback-Trigger": "automatic", "Rollback-Cause": `manual rollback --if-current ${releases[0].id}` });
    expect(JSON.parse(fileOn(remote, "bad-releases/dev.json", env)).releases[0].release).toBe(releases[0].id);
  });

  test("with no earlier release to restore, the failure is reported and nothing changes", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB[0] } }, environments: ["dev"] });
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    const head = git(remote, ["rev-parse", "main"], env);
    const run = await cli(source, env, "rollback", "--env", "dev", "--if-current", head, "--repo", remote);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no earlier release of dev");
    expect(git(remote, ["rev-parse", "main"], env)).toBe(head);
  });
});
