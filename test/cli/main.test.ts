import { main } from "../../lib/cli/main";
import { bareRemote, cli, commitAll, image, sourceRepo, testEnv, writePinsFile } from "../release/support";

const COMMANDS = ["publish", "diff", "verify", "promote", "rollback", "history"];

describe("cdktf-gitops command line", () => {
  test.each(COMMANDS)("%s --help prints usage and exits 0", async (command) => {
    const run = await cli(process.cwd(), testEnv(), command, "--help");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: cdktf-gitops ${command} [options]`);
    expect(run.stdout).toContain("--repo <url|path>");
    expect(run.stdout).toContain("--json");
  });

  test("--help lists every command and the exit codes", async () => {
    const run = await cli(process.cwd(), testEnv(), "--help");
    expect(run.code).toBe(0);
    for (const command of COMMANDS) expect(run.stdout).toContain(`  ${command} [options]`);
    expect(run.stdout).toContain("Exit codes: 0 success, 1 verify/diff found differences or policy found blocking findings, 2 bad input, 3 repository problem");
  });

  test("an unknown command or option is a usage error with exit code 2", async () => {
    const env = testEnv();
    const unknown = await cli(process.cwd(), env, "deploy");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'deploy'");
    const option = await cli(process.cwd(), env, "history", "--env", "dev", "--bogus");
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option '--bogus'");
    const json = await cli(process.cwd(), env, "history", "--json");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, exitCode: 2, error: expect.stringContaining("--env <env>") });
  });

  test("errors are JSON on stdout with --json, plain text on stderr, and colour only on a terminal without NO_COLOR", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: image("web", "1") } } });

    const json = await cli(source, env, "history", "--env", "dev", "--repo", remote, "--json");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, exitCode: 2, error: expect.stringContaining('unknown environment "dev"') });
    expect(json.stderr).toMatch(/^error: unknown environment/m);
    expect(json.stderr).not.toContain("\x1b[");

    const write = (sink: string[]) => (t: string) => void sink.push(t);
    const run = async (ttyEnv: NodeJS.ProcessEnv): Promise<string> => {
      const err: string[] = [];
      await main(["history", "--env", "dev", "--repo", remote], { cwd: source, env: ttyEnv, stdout: write([]), stderr: write(err), stderrIsTTY: true });
      return err.join("");
    };
    const noColorEnv = { ...env };
    expect(await run(noColorEnv)).not.toContain("\x1b[");
    const colorEnv = { ...env };
    delete colorEnv.NO_COLOR;
    colorEnv.TERM = "xterm";
    expect(await run(colorEnv)).toContain("\x1b[31merror:\x1b[0m");
  });

  test("progress goes to stderr; -q prints nothing on success; stdout holds only the result", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: image("web", "1") } } });
    const loud = await cli(source, env, "publish", "--repo", remote, "--json");
    expect(loud.stderr).toContain("cdktf-gitops: synthesizing");
    expect(loud.stderr).toContain("cdktf-gitops: pushing to");
    expect(JSON.parse(loud.stdout)).toMatchObject({ ok: true, changed: true });
    const quiet = await cli(source, env, "publish", "--repo", remote, "--quiet");
    expect(quiet).toEqual({ code: 0, stdout: "", stderr: "" });
    writePinsFile(source, "dev", { web: image("web", "2") });
    commitAll(source, "web 2", env);
    expect(await cli(source, env, "publish", "--repo", remote, "-q")).toEqual({ code: 0, stdout: "", stderr: "" });
    expect(JSON.parse((await cli(source, env, "verify", "--repo", remote, "-q", "--json")).stdout)).toMatchObject({ ok: true, upToDate: true });
  });

  test("publish prints counts per environment and the app changes; the files only with --verbose", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: image("web", "1"), api: image("api", "1") } } });
    const first = await cli(source, env, "publish", "--repo", remote);
    expect(first.stdout).toContain(`  dev: 10 file(s) changed\n    app api: (new) -> ${image("api", "1")}\n    app web: (new) -> ${image("web", "1")}\n  staging: 4 file(s) changed\n`);
    expect(first.stdout).not.toContain("environments/dev/");
    writePinsFile(source, "dev", { web: image("web", "2"), api: image("api", "1") });
    commitAll(source, "web 2", env);
    const verbose = await cli(source, env, "publish", "--repo", remote, "--verbose");
    expect(verbose.stdout).toContain(`  dev: 2 file(s) changed\n    app web: ${image("web", "1")} -> ${image("web", "2")}\n    M environments/dev/apps/web/deployment-web.yaml\n    M environments/dev/release.json\n`);
  });

  test("--env accepts repeated and comma-separated values", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: image("web", "1") } }, environments: ["dev", "staging", "prod"] });
    const run = await cli(source, env, "diff", "--repo", remote, "--env", "dev,staging", "--json");
    expect(JSON.parse(run.stdout).environments.map((e: { environment: string }) => e.environment)).toEqual(["dev", "staging"]);
    const repeated = await cli(source, env, "diff", "--repo", remote, "--env", "dev", "--env", "prod", "--json");
    expect(JSON.parse(repeated.stdout).environments.map((e: { environment: string }) => e.environment)).toEqual(["dev", "prod"]);
    const bad = await cli(source, env, "diff", "--repo", remote, "--env", "Dev!");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--env "Dev!" is not a valid environment name');
  });
});
