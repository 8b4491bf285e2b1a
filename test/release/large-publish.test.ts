import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { bareRemote, cliProcess, commitsOn, emptied, fileOn, filesOn, processesIn, testEnv, tmpDir } from "./support";

const APPS = 1000;
const FILES_PER_APP = 11;

/** A cdktf.out-shaped folder with one environment of `APPS` apps, `FILES_PER_APP` files each (~11,000 files). */
function largeOutput(dir: string): void {
  const stacks: Record<string, unknown> = {};
  for (let i = 0; i < APPS; i++) {
    const app = `app${String(i).padStart(4, "0")}`;
    const stack = `dev-app-${app}`;
    stacks[stack] = { name: stack, synthesizedStackPath: `stacks/${stack}/cdk.tf.json`, dependencies: [] };
    fs.mkdirSync(path.join(dir, "stacks", stack), { recursive: true });
    fs.writeFileSync(path.join(dir, "stacks", stack, "cdk.tf.json"), JSON.stringify({ resource: { azurerm_user_assigned_identity: { id: { name: `id-${app}` } } } }));
    const appDir = path.join(dir, "gitops", "dev", "apps", app);
    fs.mkdirSync(appDir, { recursive: true });
    for (let f = 0; f < FILES_PER_APP - 1; f++) fs.writeFileSync(path.join(appDir, `object-${f}.yaml`), `kind: Object${f}\nmetadata:\n  name: ${app}\n`);
    fs.writeFileSync(path.join(appDir, "deployment.yaml"), `kind: Deployment\nimage: web:1\n`);
  }
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify({ stacks, version: "0.21.0" }));
}


// The first publish of ~11,000 files used to push the release and then fail with ENOTEMPTY (a detached
// `git gc --auto` in the temporary clone raced its removal) when the temporary folder was on disk: this runs on
// disk (the temporary folder and the cache; the output and the remote stay on tmpfs to keep it short), at that
// size, on purpose. It is slow-ish; it measures nothing.
describe("a publish of 1,000 apps with the temporary folder and cache on disk", () => {
  const disk = tmpDir("release-large-", os.tmpdir());
  const tmp = path.join(disk, "tmp");
  fs.mkdirSync(tmp);
  const env = testEnv({ TMPDIR: tmp, XDG_CACHE_HOME: path.join(disk, "cache") });
  const remote = bareRemote(env);
  const project = tmpDir("release-large-project-");
  const out = path.join(project, "cdktf.out");

  test("succeeds, leaves no temporary folder and no git process behind, and the next publish changes one app", async () => {
    largeOutput(out);
    const first = await cliProcess(project, env, ["publish", "--repo", remote, "--out", out, "--json"]);

    expect([first.code, first.stderr]).toEqual([0, expect.not.stringContaining("error")]);
    expect(JSON.parse(first.stdout)).toMatchObject({ ok: true, changed: true });
    expect(filesOn(remote, env)).toHaveLength(APPS * (FILES_PER_APP + 1) + 1);
    const cache = path.join(disk, "cache", "cdktf-gitops");
    expect(processesIn(cache)).toEqual([]);
    expect(processesIn(tmp)).toEqual([]);
    expect(await emptied(tmp)).toEqual([]);
    const [cacheDir] = fs.readdirSync(cache).filter((d) => !d.endsWith(".lock"));
    expect(fs.readdirSync(path.join(cache, cacheDir)).filter((f) => f.startsWith("gc."))).toEqual([]);

    fs.writeFileSync(path.join(out, "gitops", "dev", "apps", "app0500", "deployment.yaml"), "kind: Deployment\nimage: web:2\n");
    const second = await cliProcess(project, env, ["publish", "--repo", remote, "--out", out, "--json"]);
    expect(second.code).toBe(0);
    expect(JSON.parse(second.stdout).files).toEqual([{ status: "M", path: "environments/dev/apps/app0500/deployment.yaml" }]);
    expect(fileOn(remote, "environments/dev/apps/app0500/deployment.yaml", env)).toContain("web:2");
    expect(commitsOn(remote, env)).toHaveLength(2);
    expect((await cliProcess(project, env, ["verify", "--repo", remote, "--out", out])).code).toBe(0);
  });
});
