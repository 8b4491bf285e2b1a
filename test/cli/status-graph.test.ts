import { App } from "cdktf";
import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { graphToDot, graphToMermaid } from "../../lib/cli/graph-format";
import { promotionOrder, readPlatformGraph } from "../../lib/release/graph";
import { buildPlatform } from "../../stacks/build-platform";
import { bareRemote, cli, commitAll, image, sourceRepo, testEnv, tmpDir, writeEnvironments, writePinsFile } from "../release/support";

const WEB = [image("web", "1"), image("web", "2")];

describe("cdktf-gitops status", () => {
  const env = testEnv();

  test("per environment: the current release, its apps, whether it matches a fresh synth, the last rollback", async () => {
    const remote = bareRemote(env);
    const source = sourceRepo(env, { environments: ["dev", "prod"], pins: { dev: { web: WEB[0] } } });
    const before = await cli(source, env, "status", "--repo", remote, "--json");
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout).environments).toEqual([
      { environment: "dev", apps: {}, matchesSynth: false, pendingFiles: expect.any(Number), synthesized: true },
      { environment: "prod", apps: {}, matchesSynth: false, pendingFiles: expect.any(Number), synthesized: true },
    ]);
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    writePinsFile(source, "dev", { web: WEB[1] });
    commitAll(source, "web 2", env);
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    expect((await cli(source, env, "rollback", "--env", "dev", "--repo", remote)).code).toBe(0);

    const run = await cli(source, env, "status", "--repo", remote, "--json");
    expect(run.code).toBe(0);
    const [dev, prod] = JSON.parse(run.stdout).environments;
    expect(dev).toMatchObject({ environment: "dev", apps: { web: WEB[0] }, matchesSynth: false, synthesized: true, current: { kind: "rollback" } });
    expect(dev.pendingFiles).toBeGreaterThan(0);
    expect(dev.lastRollback).toEqual(dev.current);
    expect(prod).toMatchObject({ environment: "prod", apps: {}, matchesSynth: true, pendingFiles: 0, current: { kind: "publish" } });
    expect(prod.lastRollback).toBeUndefined();

    const text = await cli(source, env, "status", "--repo", remote, "--env", "dev");
    expect(text.stdout).toContain(`dev: release ${dev.current.id}`);
    expect(text.stdout).toContain(`differs from a fresh synth in ${dev.pendingFiles} file(s); "cdktf-gitops diff --env dev" shows them`);
    expect(text.stdout).toContain(`    app web  ${WEB[0]}\n`);
    expect(text.stdout).toContain(`    last rollback ${dev.current.id}`);
    expect(text.stdout).not.toContain("prod:");
  });

  test("an environment removed from the spec but still published is shown as not synthesized", async () => {
    const remote = bareRemote(env);
    const source = sourceRepo(env, { environments: ["dev", "qa"] });
    expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
    writeEnvironments(source, ["dev"]);
    commitAll(source, "qa removed", env);
    const run = await cli(source, env, "status", "--repo", remote);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("qa: release ");
    expect(run.stdout).toContain("not in the fresh synth (removed from the spec; a publish of it removes its folder)");
    expect((await cli(source, env, "status", "--repo", remote, "--env", "Bad")).code).toBe(2);
  });
});

describe("cdktf-gitops graph", () => {
  const outdir = tmpDir("graph-");
  const app = new App({ outdir });
  buildPlatform(app, referencePlatform, { apps: referenceApps, pins: referencePins });
  app.synth();
  const graph = readPlatformGraph(outdir);

  test("reads the stacks, their dependencies and the promotion chain of the reference platform", () => {
    expect(graph.environments.map((e) => [e.name, e.promotesFrom])).toEqual([["dev", undefined], ["staging", "dev"], ["prod", "staging"]]);
    expect(graph.stacks.find((s) => s.name === "dev-gitops")).toEqual({ name: "dev-gitops", environment: "dev", dependsOn: ["dev-app-api", "dev-app-web", "dev-monitoring", "dev-platform"] });
    expect(graph.stacks.find((s) => s.name === "state")).toEqual({ name: "state", environment: undefined, dependsOn: [] });
  });

  test("Mermaid: one subgraph per environment, apply-order edges, promotion edges between environments", () => {
    const mermaid = graphToMermaid(graph);
    // bootstrap stacks (no environment) first, then one subgraph per environment
    expect(mermaid).toMatch(/^flowchart LR\n(  s_[a-z_]+\["[a-z]+"\]\n)*  s_state\["state"\]\n(  s_[a-z_]+\["[a-z]+"\]\n)*  subgraph env_dev\["dev \(dev, flux\)"\]\n/);
    expect(mermaid).toContain("  s_dev_platform --> s_dev_gitops\n");
    expect(mermaid).toContain("  s_state --> s_dev_platform\n");
    expect(mermaid).toContain("  env_dev ==>|promote| env_staging\n  env_staging ==>|promote| env_prod\n");
    expect(mermaid.match(/^  end$/gm)).toHaveLength(3);
  });

  test("DOT: a cluster per environment, bold promotion edges; names are quoted and escaped", () => {
    const dot = graphToDot(graph);
    expect(dot).toContain('  subgraph "cluster_prod" {\n    label="prod (prod, flux)";\n');
    expect(dot).toContain('  "dev-platform" -> "dev-monitoring";\n');
    expect(dot).toContain('  "env:staging" -> "env:prod" [style=bold, label="promote"];\n');
    const odd = graphToDot({ stacks: [{ name: 'a"b\\c', dependsOn: [] }], environments: [] });
    expect(odd).toContain('  "a\\"b\\\\c";\n');
    expect(graphToMermaid({ stacks: [{ name: 'x_y"z', dependsOn: [] }], environments: [] })).toContain('s_x_5f_y_22_z["x_y#34;z"]');
  });

  test("the promotion order puts each environment after its source, whatever the input order", () => {
    const e = (name: string, promotesFrom?: string) => ({ name, tier: "dev", sync: "flux", promotesFrom });
    expect(promotionOrder([e("prod", "staging"), e("staging", "dev"), e("dev"), e("sandbox")]).map((x) => x.name)).toEqual(["dev", "sandbox", "staging", "prod"]);
  });

  test("the command reads --out, refuses a folder without manifest.json (exit 4), and checks --format", async () => {
    const run = await cli(process.cwd(), testEnv(), "graph", "--out", outdir, "--format", "json");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(graph)));
    const empty = await cli(process.cwd(), testEnv(), "graph", "--out", tmpDir("graph-empty-"));
    expect(empty.code).toBe(4);
    expect(empty.stderr).toContain("has no manifest.json; synthesize first");
    expect((await cli(process.cwd(), testEnv(), "graph", "--format", "svg")).code).toBe(2);
  });
});
