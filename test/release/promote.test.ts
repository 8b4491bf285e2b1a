import * as fs from "fs";
import * as path from "path";
import { bareRemote, cli, commitAll, commitsOn, git, image, sourceRepo, testEnv, writePinsFile } from "./support";

const WEB_1 = image("web", "web-1");
const WEB_2 = image("web", "web-2");
const API_1 = image("api", "api-1");
const API_2 = image("api", "api-2");

function pinsText(source: string, env: string): string {
  return fs.readFileSync(path.join(source, "environments", "pins", `${env}.json`), "utf8");
}

/** dev runs web 2 and api 2 (published), staging runs web 1 and api 1. */
async function devAhead() {
  const env = testEnv();
  const remote = bareRemote(env);
  const source = sourceRepo(env, { pins: { dev: { web: WEB_1, api: API_1 }, staging: { web: WEB_1, api: API_1 } }, environments: ["dev", "staging", "prod"] });
  writePinsFile(source, "dev", { web: WEB_2, api: API_2 });
  commitAll(source, "dev gets web 2 and api 2", env);
  expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
  return { env, remote, source };
}

describe("promote", () => {
  test("copies every pinned digest from dev to staging in the source repository and prints the changes", async () => {
    const { env, remote, source } = await devAhead();
    const gitopsHead = git(remote, ["rev-parse", "main"], env);

    const run = await cli(source, env, "promote", "--from", "dev", "--to", "staging", "--repo", remote);

    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      `promote dev -> staging:\n  api: ${API_1} -> ${API_2}\n  web: ${WEB_1} -> ${WEB_2}\nwrote environments/pins/staging.json; commit it and run "cdktf-gitops publish" to release staging\n`,
    );
    expect(pinsText(source, "staging")).toBe(`{\n  "api": "${API_2}",\n  "web": "${WEB_2}"\n}\n`);
    expect(git(remote, ["rev-parse", "main"], env)).toBe(gitopsHead); // the GitOps repository is not touched

    commitAll(source, "promote dev -> staging", env);
    expect((await cli(source, env, "publish", "--repo", remote, "--env", "staging")).code).toBe(0);
    expect(JSON.parse(git(remote, ["show", "main:environments/staging/release.json"], env)).apps).toEqual({ api: API_2, web: WEB_2 });
  });

  test("--app promotes only the named apps; --dry-run writes nothing; --json reports the changes", async () => {
    const { env, remote, source } = await devAhead();

    const dry = await cli(source, env, "promote", "--from", "dev", "--to", "staging", "--app", "web", "--repo", remote, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("dry run: environments/pins/staging.json not written");
    expect(git(source, ["status", "--porcelain"], env)).toBe("");

    const run = await cli(source, env, "promote", "--from", "dev", "--to", "staging", "--app", "web", "--repo", remote, "--json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      from: "dev",
      to: "staging",
      pinsFile: "environments/pins/staging.json",
      changes: [{ app: "web", from: WEB_1, to: WEB_2, changed: true }],
      written: true,
    });
    expect(JSON.parse(pinsText(source, "staging"))).toEqual({ api: API_1, web: WEB_2 });
  });

  test("promoting to an environment without a pins file creates it", async () => {
    const { env, remote, source } = await devAhead();
    const run = await cli(source, env, "promote", "--from", "dev", "--to", "prod", "--repo", remote);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`web: (not pinned) -> ${WEB_2}`);
    expect(JSON.parse(pinsText(source, "prod"))).toEqual({ api: API_2, web: WEB_2 });
  });

  test("refuses when the source environment's published release does not run those digests", async () => {
    const { env, remote, source } = await devAhead();
    const newer = image("web", "web-9");
    writePinsFile(source, "dev", { web: newer, api: API_2 });
    commitAll(source, "dev pins web 9 but is not published yet", env);
    const before = pinsText(source, "staging");

    const refused = await cli(source, env, "promote", "--from", "dev", "--to", "staging", "--repo", remote);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("refusing to promote: dev's published release does not run the pinned digest of web");
    expect(refused.stderr).toContain(`web: pinned ${newer}, published ${WEB_2}`);
    expect(refused.stderr).toContain("publish dev first");
    expect(pinsText(source, "staging")).toBe(before);

    // the api pin matches what dev runs, so api alone may go
    expect((await cli(source, env, "promote", "--from", "dev", "--to", "staging", "--app", "api", "--repo", remote)).code).toBe(0);
  });

  test("refuses when the source environment was never published", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 }, staging: {} } });
    const run = await cli(source, env, "promote", "--from", "dev", "--to", "staging", "--repo", remote);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("refusing to promote: dev has no published release in");
    expect(commitsOn(remote, env)).toEqual([]);
  });

  test("bad input changes nothing: unknown environments, unpinned app, dirty pins file", async () => {
    const { env, remote, source } = await devAhead();
    const before = pinsText(source, "staging");

    const unknownFrom = await cli(source, env, "promote", "--from", "qa", "--to", "staging", "--repo", remote);
    expect(unknownFrom.code).toBe(2);
    expect(unknownFrom.stderr).toContain('unknown environment "qa": there is no environments/pins/qa.json; environments with pins: dev, staging');

    const unknownTo = await cli(source, env, "promote", "--from", "dev", "--to", "uat", "--repo", remote);
    expect(unknownTo.code).toBe(2);
    expect(unknownTo.stderr).toContain('unknown environment "uat"; known environments: dev, prod, staging');

    const noApp = await cli(source, env, "promote", "--from", "dev", "--to", "staging", "--app", "db", "--repo", remote);
    expect(noApp.code).toBe(2);
    expect(noApp.stderr).toContain("app(s) db have no pin in dev; pinned there: api, web");

    const same = await cli(source, env, "promote", "--from", "dev", "--to", "dev", "--repo", remote);
    expect(same.code).toBe(2);

    const missingOption = await cli(source, env, "promote", "--from", "dev", "--repo", remote);
    expect(missingOption.code).toBe(2);
    expect(missingOption.stderr).toContain("required option '--to <env>' not specified");

    fs.appendFileSync(path.join(source, "environments", "pins", "staging.json"), "\n");
    const dirty = await cli(source, env, "promote", "--from", "dev", "--to", "staging", "--repo", remote);
    expect(dirty.code).toBe(2);
    expect(dirty.stderr).toContain("environments/pins/staging.json has uncommitted changes; commit or discard them before promoting");
    expect(pinsText(source, "staging")).toBe(`${before}\n`);
  });

  test("refuses a promotion that skips a step of the chain, unless --any-source", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, {
      pins: { dev: { web: WEB_2 }, staging: { web: WEB_1 }, prod: { web: WEB_1 } },
      environments: ["dev", "staging", "prod"],
      promotesFrom: { dev: null, staging: "dev", prod: "staging" },
    });
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    expect(JSON.parse(git(remote, ["show", "main:environments/prod/environment.json"], env))).toEqual({
      environment: "prod",
      promotesFrom: "staging",
      sync: "flux",
      tier: "prod",
    });

    const skipping = await cli(source, env, "promote", "--from", "dev", "--to", "prod", "--repo", remote);
    expect(skipping.code).toBe(2);
    expect(skipping.stderr).toContain(
      "refusing to promote: prod promotes from staging (its environment spec, as published), not dev; promote from staging, or pass --any-source to promote anyway",
    );
    expect(pinsText(source, "prod")).toContain(WEB_1);

    const intoFirst = await cli(source, env, "promote", "--from", "staging", "--to", "dev", "--repo", remote);
    expect(intoFirst.code).toBe(2);
    expect(intoFirst.stderr).toContain("refusing to promote: dev is not promoted from another environment");

    const forced = await cli(source, env, "promote", "--from", "dev", "--to", "prod", "--repo", remote, "--any-source");
    expect(forced.code).toBe(0);
    expect(pinsText(source, "prod")).toContain(WEB_2);
  });
});
