import * as fs from "fs";
import * as path from "path";
import { deliveryPlatform, synthPlatform } from "../support/delivery";
import { cli, testEnv, tmpDir } from "../release/support";

const env = testEnv();
const governed = synthPlatform({ ...deliveryPlatform(), governance: { platformTeam: "contoso/platform-team", plan: "enterprise" } });
const ungoverned = synthPlatform(deliveryPlatform());
afterAll(() => [governed, ungoverned].forEach((s) => fs.rmSync(s.outdir, { recursive: true, force: true })));

function project(): string {
  const dir = tmpDir("codeowners-project-");
  fs.writeFileSync(path.join(dir, "cdktf.json"), "{}");
  return dir;
}

describe("pipelines write|check carry the infra CODEOWNERS", () => {
  test("check reports a missing CODEOWNERS, write brings it in next to the workflows, then check passes", async () => {
    const dir = project();
    const before = await cli(dir, env, "pipelines", "check", "--out", governed.outdir, "--json");
    expect(JSON.parse(before.stdout).stale).toContain(".github/CODEOWNERS");
    expect((await cli(dir, env, "pipelines", "write", "--out", governed.outdir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, ".github/CODEOWNERS"), "utf8")).toBe(fs.readFileSync(path.join(governed.outdir, "pipelines/github/.github/CODEOWNERS"), "utf8"));
    expect((await cli(dir, env, "pipelines", "check", "--out", governed.outdir)).code).toBe(0);
    fs.appendFileSync(path.join(dir, ".github/CODEOWNERS"), "/lib/ @someone\n");
    expect(JSON.parse((await cli(dir, env, "pipelines", "check", "--out", governed.outdir, "--json")).stdout).stale).toEqual([".github/CODEOWNERS"]);
  });

  test("without governance: a generated CODEOWNERS is removed, a hand-written one is left alone", async () => {
    const dir = project();
    await cli(dir, env, "pipelines", "write", "--out", governed.outdir);
    expect(JSON.parse((await cli(dir, env, "pipelines", "check", "--out", ungoverned.outdir, "--json")).stdout).stale).toEqual([".github/CODEOWNERS"]);
    await cli(dir, env, "pipelines", "write", "--out", ungoverned.outdir);
    expect(fs.existsSync(path.join(dir, ".github/CODEOWNERS"))).toBe(false);
    fs.writeFileSync(path.join(dir, ".github/CODEOWNERS"), "* @contoso/everyone\n");
    expect((await cli(dir, env, "pipelines", "check", "--out", ungoverned.outdir)).code).toBe(0);
  });
});
