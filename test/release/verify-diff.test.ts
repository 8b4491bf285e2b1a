import * as fs from "fs";
import * as path from "path";
import { bareRemote, cli, commitAll, commitsOn, git, image, sourceRepo, testEnv, tmpDir, writePinsFile } from "./support";

const WEB_1 = image("web", "web-1");
const WEB_2 = image("web", "web-2");

/** Commits a hand edit to the GitOps repository through a clone. */
function handEdit(remote: string, env: NodeJS.ProcessEnv, edit: (dir: string) => void): void {
  const clone = path.join(tmpDir(), "clone");
  git(path.dirname(clone), ["clone", "--quiet", remote, clone], env);
  edit(clone);
  git(clone, ["add", "-A"], env);
  git(clone, ["commit", "--quiet", "-m", "hand edit"], env);
  git(clone, ["push", "--quiet", "origin", "HEAD:main"], env);
}

describe("verify", () => {
  test("passes when the repository matches a fresh synth, and fails with the differing files after a hand edit", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    await cli(source, env, "publish", "--repo", remote);

    const ok = await cli(source, env, "verify", "--repo", remote);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining("matches a fresh synth") });

    handEdit(remote, env, (dir) => {
      fs.appendFileSync(path.join(dir, "environments/dev/apps/web/deployment-web.yaml"), "  replicas: 9\n");
      fs.writeFileSync(path.join(dir, "environments/dev/apps/web/configmap-extra.yaml"), "kind: ConfigMap\n");
      fs.rmSync(path.join(dir, "environments/staging/infrastructure/namespace-platform.yaml"));
    });
    const head = git(remote, ["rev-parse", "main"], env);

    const failed = await cli(source, env, "verify", "--repo", remote);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("differs from a fresh synth in 3 file(s):");
    expect(failed.stdout).toContain("modified  environments/dev/apps/web/deployment-web.yaml");
    expect(failed.stdout).toContain("extra     environments/dev/apps/web/configmap-extra.yaml");
    expect(failed.stdout).toContain("missing   environments/staging/infrastructure/namespace-platform.yaml");

    const json = await cli(source, env, "verify", "--repo", remote, "--json");
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      upToDate: false,
      files: [
        { status: "D", path: "environments/dev/apps/web/configmap-extra.yaml" },
        { status: "M", path: "environments/dev/apps/web/deployment-web.yaml" },
        { status: "A", path: "environments/staging/infrastructure/namespace-platform.yaml" },
      ],
    });
    expect((await cli(source, env, "verify", "--repo", remote, "--env", "staging")).code).toBe(1);
    expect(git(remote, ["rev-parse", "main"], env)).toBe(head); // verify never writes

    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    expect((await cli(source, env, "verify", "--repo", remote)).code).toBe(0);
  });

  test("detects a hand edit of the pinned digests in release.json, but not a newer source commit alone", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    await cli(source, env, "publish", "--repo", remote);
    fs.writeFileSync(path.join(source, "NOTES.md"), "x\n");
    commitAll(source, "notes", env);
    expect((await cli(source, env, "verify", "--repo", remote)).code).toBe(0);

    handEdit(remote, env, (dir) => {
      const file = path.join(dir, "environments/dev/release.json");
      fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(WEB_1, WEB_2));
    });
    const failed = await cli(source, env, "verify", "--repo", remote);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("modified  environments/dev/release.json");
  });

  test("fails against a repository that has nothing published", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    const run = await cli(source, env, "verify", "--repo", remote);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("missing   environments/dev/release.json");
    expect(commitsOn(remote, env)).toEqual([]);
  });
});

describe("diff", () => {
  test("shows what a publish would change per environment and app, without committing", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 }, staging: { web: WEB_1 } } });
    await cli(source, env, "publish", "--repo", remote);
    const head = git(remote, ["rev-parse", "main"], env);

    const none = await cli(source, env, "diff", "--repo", remote, "--exit-code");
    expect(none).toMatchObject({ code: 0, stdout: expect.stringContaining("no changes") });

    writePinsFile(source, "dev", { web: WEB_2 });
    commitAll(source, "web 2", env);
    const run = await cli(source, env, "diff", "--repo", remote);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        "  dev: 2 file(s) changed",
        `    app web: ${WEB_1} -> ${WEB_2}`,
        "    M environments/dev/apps/web/deployment-web.yaml",
        "    M environments/dev/release.json",
        "",
      ].join("\n"),
    );
    expect((await cli(source, env, "diff", "--repo", remote, "--exit-code")).code).toBe(1);
    const json = JSON.parse((await cli(source, env, "diff", "--repo", remote, "--json")).stdout);
    expect(json.environments).toEqual([
      {
        environment: "dev",
        files: [
          { status: "M", path: "environments/dev/apps/web/deployment-web.yaml" },
          { status: "M", path: "environments/dev/release.json" },
        ],
        apps: [{ environment: "dev", app: "web", from: WEB_1, to: WEB_2, files: ["environments/dev/apps/web/deployment-web.yaml"] }],
      },
    ]);
    expect(git(remote, ["rev-parse", "main"], env)).toBe(head);
  });
});
