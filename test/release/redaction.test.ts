import { bareRemote, cli, git, sourceRepo, testEnv, trailersOf, image } from "./support";

describe("tokens in URL query strings never reach messages or trailers", () => {
  test("an unreachable --repo with ?access_token= is named without the token", async () => {
    const env = testEnv();
    const source = sourceRepo(env, { pins: { dev: { web: image("web", "1") } } });
    const run = await cli(source, env, "history", "--env", "dev", "--repo", "file:///nonexistent/gitops.git?access_token=SECRET-1&private_token=SECRET-2");
    expect(run.code).toBe(3);
    expect(run.stderr).toContain("access_token=***");
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/SECRET/);
  });

  test("the Source-Repository trailer of a source whose origin URL carries a token", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const source = sourceRepo(env, { pins: { dev: { web: image("web", "1") } } });
    git(source, ["remote", "add", "origin", "https://gitlab.example.com/infra.git?private_token=SECRET-3"], env);
    const run = await cli(source, env, "publish", "--repo", remote, "--json");
    expect(run.code).toBe(0);
    expect(trailersOf(remote, "main", env)["Source-Repository"]).toBe("https://gitlab.example.com/infra.git?private_token=***");
    expect(run.stdout).not.toContain("SECRET");
  });
});
