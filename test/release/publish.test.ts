import * as fs from "fs";
import * as path from "path";
import { bareRemote, cli, commitAll, commitsOn, fileOn, filesOn, git, image, sourceRepo, testEnv, tmpDir, trailersOf, writePinsFile } from "./support";

const WEB_1 = image("web", "web-1");
const WEB_2 = image("web", "web-2");
const API_1 = image("api", "api-1");

describe("publish", () => {
  test("lays the output out per environment, commits once with provenance trailers and pushes", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1, api: API_1 }, staging: { web: WEB_1 } } });
    const sourceHead = git(source, ["rev-parse", "HEAD"], env);

    const run = await cli(source, env, "publish", "--repo", remote);

    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/^published release \d{8}T\d{6}Z-[0-9a-f]{8} to /);
    expect(run.stderr).toContain("synthesizing");
    expect(filesOn(remote, env)).toEqual([
      "bootstrap/terraform/state/cdk.tf.json",
      "environments/dev/apps/api/deployment-api.yaml",
      "environments/dev/apps/api/service-api.yaml",
      "environments/dev/apps/web/deployment-web.yaml",
      "environments/dev/apps/web/service-web.yaml",
      "environments/dev/infrastructure/namespace-platform.yaml",
      "environments/dev/release.json",
      "environments/dev/terraform/app-api/cdk.tf.json",
      "environments/dev/terraform/app-web/cdk.tf.json",
      "environments/dev/terraform/gitops/cdk.tf.json",
      "environments/dev/terraform/platform/cdk.tf.json",
      "environments/staging/apps/web/deployment-web.yaml",
      "environments/staging/apps/web/service-web.yaml",
      "environments/staging/infrastructure/namespace-platform.yaml",
      "environments/staging/release.json",
      "environments/staging/terraform/app-web/cdk.tf.json",
      "environments/staging/terraform/gitops/cdk.tf.json",
      "environments/staging/terraform/platform/cdk.tf.json",
    ]);
    expect(commitsOn(remote, env)).toHaveLength(1);
    const release = fileOn(remote, "environments/dev/release.json", env);
    expect(JSON.parse(release)).toEqual({
      apps: { api: API_1, web: WEB_1 },
      environment: "dev",
      sourceCommit: sourceHead,
      stacks: [
        { dependsOn: ["state"], name: "dev-platform", path: "terraform/platform/cdk.tf.json" },
        { dependsOn: ["dev-platform"], name: "dev-gitops", path: "terraform/gitops/cdk.tf.json" },
        { dependsOn: ["dev-gitops"], name: "dev-app-api", path: "terraform/app-api/cdk.tf.json" },
        { dependsOn: ["dev-gitops"], name: "dev-app-web", path: "terraform/app-web/cdk.tf.json" },
      ],
    });
    expect(release).toBe(`${JSON.stringify(JSON.parse(release), null, 2)}`); // sorted keys, 2-space indent
    const trailers = trailersOf(remote, "main", env);
    expect(trailers).toEqual({
      "Release-Id": expect.stringMatching(/^\d{8}T\d{6}Z-[0-9a-f]{8}$/),
      "Release-Kind": "publish",
      "Source-Repository": source,
      "Source-Commit": sourceHead,
      Environments: "bootstrap, dev, staging",
      Apps: "dev/api, dev/web, staging/web",
    });
    expect(run.stdout).toContain(trailers["Release-Id"]);
  });

  test("an unchanged output makes no commit, even from a later source commit", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    const before = fileOn(remote, "environments/dev/release.json", env);
    fs.writeFileSync(path.join(source, "README.md"), "docs only\n");
    commitAll(source, "docs", env);

    const again = await cli(source, env, "publish", "--repo", remote);

    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^nothing to publish: .* is up to date/);
    expect(commitsOn(remote, env)).toHaveLength(1);
    expect(fileOn(remote, "environments/dev/release.json", env)).toBe(before);
  });

  test("a changed app touches only its folder and its environment's release.json; removed output is deleted", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1, api: API_1 }, staging: { web: WEB_1 } } });
    await cli(source, env, "publish", "--repo", remote);

    writePinsFile(source, "dev", { web: WEB_2 }); // web changes, api is removed from dev
    const head = commitAll(source, "web 2, drop api", env);
    const run = await cli(source, env, "publish", "--repo", remote, "--json");

    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({ ok: true, changed: true, sourceCommit: head, attempts: 1 });
    expect(result.plan).toBeUndefined();
    expect(result.files).toEqual(result.environments.flatMap((e: { files: unknown[] }) => e.files)); // the same shape as diff and verify
    const changed = git(remote, ["diff", "--name-status", "main~1", "main"], env).split("\n");
    expect(changed).toEqual([
      "D\tenvironments/dev/apps/api/deployment-api.yaml",
      "D\tenvironments/dev/apps/api/service-api.yaml",
      "M\tenvironments/dev/apps/web/deployment-web.yaml",
      "M\tenvironments/dev/release.json",
      "D\tenvironments/dev/terraform/app-api/cdk.tf.json",
    ]);
    expect(result.environments).toEqual([
      expect.objectContaining({
        environment: "dev",
        apps: [
          expect.objectContaining({ app: "api", from: API_1 }),
          { environment: "dev", app: "web", from: WEB_1, to: WEB_2, files: ["environments/dev/apps/web/deployment-web.yaml"] },
        ],
      }),
    ]);
    expect(trailersOf(remote, "main", env)).toMatchObject({ Environments: "dev", Apps: "dev/api, dev/web", "Source-Commit": head });
    expect(fileOn(remote, "environments/dev/apps/web/deployment-web.yaml", env)).toContain(WEB_2);
  });

  test("--env publishes only those environments and leaves the others untouched", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 }, staging: { web: WEB_1 } } });
    await cli(source, env, "publish", "--repo", remote);
    writePinsFile(source, "dev", { web: WEB_2 });
    writePinsFile(source, "staging", { web: WEB_2 });
    commitAll(source, "web 2 everywhere", env);

    const run = await cli(source, env, "publish", "--repo", remote, "--env", "dev");

    expect(run.code).toBe(0);
    expect(git(remote, ["diff", "--name-only", "main~1", "main"], env).split("\n").every((f) => f.startsWith("environments/dev/"))).toBe(true);
    expect(fileOn(remote, "environments/staging/apps/web/deployment-web.yaml", env)).toContain(WEB_1);
    expect(trailersOf(remote, "main", env).Environments).toBe("dev");
  });

  test("output is byte-identical for identical input (two repositories, same files)", async () => {
    const env = testEnv();
    const a = bareRemote(env);
    const b = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1, api: API_1 } } });
    await cli(source, env, "publish", "--repo", a);
    await cli(source, env, "publish", "--repo", b);
    expect(git(a, ["rev-parse", "main^{tree}"], env)).toBe(git(b, ["rev-parse", "main^{tree}"], env));
  });

  test("without --repo it creates and uses the local bare repository .gitops/repo.git", async () => {
    const env = testEnv();
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });

    const run = await cli(source, env, "publish");

    expect(run.code).toBe(0);
    const repo = path.join(source, ".gitops", "repo.git");
    expect(git(repo, ["rev-parse", "--is-bare-repository"], env)).toBe("true");
    expect(filesOn(repo, env)).toContain("environments/dev/release.json");
    expect(git(source, ["status", "--porcelain"], env)).toBe(""); // .gitops is ignored, pins untouched
  });

  test("uses the fallback identity when git has no user.name / user.email", async () => {
    const env = testEnv();
    for (const key of ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"]) delete env[key];
    const remote = bareRemote(env);
    const source = sourceRepo({ ...env, GIT_AUTHOR_NAME: "Dev", GIT_AUTHOR_EMAIL: "dev@example.com", GIT_COMMITTER_NAME: "Dev", GIT_COMMITTER_EMAIL: "dev@example.com" }, { pins: { dev: { web: WEB_1 } } });

    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    expect(git(remote, ["log", "-1", "--format=%an <%ae> / %cn <%ce>"], env)).toBe("cdktf-gitops <cdktf-gitops@localhost> / cdktf-gitops <cdktf-gitops@localhost>");
  });

  test("uses git config's user.name / user.email, on a new cache and on one opened again", async () => {
    const env = testEnv();
    for (const key of ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"]) delete env[key];
    const globalConfig = path.join(tmpDir(), "gitconfig");
    fs.writeFileSync(globalConfig, "[user]\n\tname = Config User\n\temail = config@example.com\n");
    const configured = { ...env, GIT_CONFIG_GLOBAL: globalConfig };
    const remote = bareRemote(env);
    const source = sourceRepo(configured, { pins: { dev: { web: WEB_1 } } });
    expect((await cli(source, configured, "publish", "--repo", remote)).code).toBe(0);
    writePinsFile(source, "dev", { web: WEB_2 });
    commitAll(source, "web 2", configured);
    expect((await cli(source, configured, "publish", "--repo", remote)).code).toBe(0);
    expect(git(remote, ["log", "--format=%an <%ae> / %cn <%ce>"], env).split("\n")).toEqual(Array(2).fill("Config User <config@example.com> / Config User <config@example.com>"));
  });

  test("a source that is not a git repository records source commit none; a dirty one needs --allow-dirty with --repo", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const plain = sourceRepo(env, { pins: { dev: { web: WEB_1 } }, git: false });
    const run = await cli(plain, env, "publish", "--repo", remote);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain("is not a git repository");
    expect(JSON.parse(fileOn(remote, "environments/dev/release.json", env)).sourceCommit).toBe("none");

    const dirtyRemote = bareRemote(env);
    const dirty = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    writePinsFile(dirty, "dev", { web: WEB_2 });
    const refused = await cli(dirty, env, "publish", "--repo", dirtyRemote);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/has uncommitted changes.*commit them first or pass --allow-dirty/);
    expect(commitsOn(dirtyRemote, env)).toEqual([]);

    const allowed = await cli(dirty, env, "publish", "--repo", dirtyRemote, "--allow-dirty");
    expect(allowed.code).toBe(0);
    expect(JSON.parse(fileOn(dirtyRemote, "environments/dev/release.json", env)).sourceCommit).toBe(`${git(dirty, ["rev-parse", "HEAD"], env)}+dirty`);
  });

  test("bad input changes nothing: unknown environment, unreachable repository, failed synthesis", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });

    const unknown = await cli(source, env, "publish", "--repo", remote, "--env", "qa");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown environment "qa"; the synthesized output has: dev, staging');

    const unreachable = await cli(source, env, "publish", "--repo", path.join(tmpDir(), "missing.git"));
    expect(unreachable.code).toBe(3);
    expect(unreachable.stderr).toMatch(/gitops repository .*missing\.git is not reachable: .*; check --repo/);

    const failed = await cli(source, { ...env, FAKE_SYNTH_FAIL: "1" }, "publish", "--repo", remote);
    expect(failed.code).toBe(4);
    expect(failed.stderr).toMatch(/synthesis failed \(exit status 3\).*\n.*boom: the app failed/);

    const badPins = sourceRepo(env, {});
    fs.mkdirSync(path.join(badPins, "environments", "pins"), { recursive: true });
    fs.writeFileSync(path.join(badPins, "environments", "pins", "dev.json"), JSON.stringify({ web: "web:latest" }));
    commitAll(badPins, "bad pin", env);
    const unpinned = await cli(badPins, env, "publish", "--repo", remote);
    expect(unpinned.code).toBe(2);
    expect(unpinned.stderr).toContain('app "web" image "web:latest" is not pinned; use an image reference with @sha256:<digest>');

    expect(commitsOn(remote, env)).toEqual([]);
  });

  test("a push the remote refuses is reported with the way out and leaves the repository unchanged", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    await cli(source, env, "publish", "--repo", remote);
    const head = git(remote, ["rev-parse", "main"], env);
    const hook = path.join(remote, "hooks", "pre-receive");
    fs.writeFileSync(hook, "#!/bin/sh\necho 'branch is protected' >&2\nexit 1\n", { mode: 0o755 });
    writePinsFile(source, "dev", { web: WEB_2 });
    commitAll(source, "web 2", env);

    const run = await cli(source, env, "publish", "--repo", remote);

    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/push to .* \(main\) failed: .*branch is protected.*nothing was changed in the repository - check write access and branch protection/);
    expect(git(remote, ["rev-parse", "main"], env)).toBe(head);
  });

  test("--branch: a name with slashes works; an invalid name is bad input and changes nothing", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });

    expect((await cli(source, env, "publish", "--repo", remote, "--branch", "release/dev")).code).toBe(0);
    expect(filesOn(remote, env, "release/dev")).toContain("environments/dev/release.json");
    expect((await cli(source, env, "publish", "--repo", remote, "--branch", "release/dev")).stdout).toContain("nothing to publish");
    expect((await cli(source, env, "history", "--repo", remote, "--branch", "release/dev", "--env", "dev")).code).toBe(0);

    for (const branch of ["-x", "bad..name", "release/"]) {
      for (const command of [["publish"], ["history", "--env", "dev"], ["rollback", "--env", "dev"], ["promote", "--from", "dev", "--to", "staging"]]) {
        const run = await cli(source, env, ...command, "--repo", remote, "--branch", branch);
        expect([command[0], run.code, run.stderr]).toEqual([command[0], 2, expect.stringContaining(`--branch: gitops branch "${branch}" is not a valid git branch name`)]);
      }
    }
    expect(git(remote, ["for-each-ref", "--format=%(refname)"], env)).toBe("refs/heads/release/dev");
    expect(fs.existsSync(path.join(source, ".gitops"))).toBe(false);
  });

  test("credentials in a repository URL are never printed", async () => {
    const env = testEnv();
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    for (const repo of ["https://user:s3cret@127.0.0.1:9/gitops.git", "https://s3cret@127.0.0.1:9/gitops.git", "https://user:s3cr@t@127.0.0.1:9/gitops.git"]) {
      const run = await cli(source, env, "history", "--env", "dev", "--repo", repo, "--json");
      expect(run.code).toBe(3);
      expect(JSON.parse(run.stdout).error).toContain("gitops repository https://127.0.0.1:9/gitops.git is not reachable");
      expect(`${run.stdout}${run.stderr}`).not.toMatch(/s3cr/);
    }
    const { Git } = require("../../lib/release/git");
    expect(() => new Git(source, env).run(["push", "https://user:s3cr@t@127.0.0.1:9/x.git"])).toThrow(/^git push https:\/\/127\.0\.0\.1:9\/x\.git failed/);
  });

  test("a hand edit that only adds to release.json is not hidden by the source-commit rule", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    await cli(source, env, "publish", "--repo", remote);
    const clone = path.join(tmpDir(), "clone");
    git(path.dirname(clone), ["clone", "--quiet", remote, clone], env);
    const file = path.join(clone, "environments/dev/release.json");
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, "utf8")), note: "hand edit" }, null, 2) + "\n");
    commitAll(clone, "hand edit", env);
    git(clone, ["push", "--quiet", "origin", "HEAD:main"], env);

    const verify = await cli(source, env, "verify", "--repo", remote);
    expect(verify.code).toBe(1);
    expect(verify.stdout).toContain("modified  environments/dev/release.json");
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    expect(JSON.parse(fileOn(remote, "environments/dev/release.json", env)).note).toBeUndefined();
  });

  test("--out publishes an existing cdktf.out without synthesizing", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: WEB_1 } } });
    const out = path.join(tmpDir(), "cdktf.out");
    require("child_process").execFileSync("sh", ["synth.sh"], { cwd: source, env: { ...env, CDKTF_OUTDIR: out } });

    const run = await cli(source, { ...env, FAKE_SYNTH_FAIL: "1" }, "publish", "--repo", remote, "--out", out);

    expect(run.code).toBe(0);
    expect(run.stderr).not.toContain("synthesizing");
    expect(filesOn(remote, env)).toContain("environments/dev/apps/web/deployment-web.yaml");
  });
});
