import * as fs from "fs";
import * as path from "path";
import { bareRemote, cli, commitsOn, sourceRepo, testEnv, tmpDir } from "./support";

/** A minimal cdktf.out with one dev stack; `edit` changes the manifest or adds files before it is written. */
function output(edit: (out: string, stacks: Record<string, { synthesizedStackPath: string; dependencies?: string[] }>) => void): string {
  const out = path.join(tmpDir("release-out-"), "cdktf.out");
  fs.mkdirSync(path.join(out, "stacks", "dev-platform"), { recursive: true });
  fs.writeFileSync(path.join(out, "stacks", "dev-platform", "cdk.tf.json"), "{}");
  fs.mkdirSync(path.join(out, "gitops", "dev", "apps", "web"), { recursive: true });
  fs.writeFileSync(path.join(out, "gitops", "dev", "apps", "web", "deployment-web.yaml"), "kind: Deployment\n");
  const stacks: Record<string, { synthesizedStackPath: string; dependencies?: string[] }> = { "dev-platform": { synthesizedStackPath: "stacks/dev-platform/cdk.tf.json" } };
  edit(out, stacks);
  fs.writeFileSync(path.join(out, "manifest.json"), JSON.stringify({ stacks }));
  return out;
}

/** A secret beside the output, which no publish may ever read. */
function hostSecret(out: string): string {
  const file = path.join(path.dirname(out), "host-secret.txt");
  fs.writeFileSync(file, "s3cr3t\n");
  return file;
}

describe("--out is untrusted input", () => {
  const cases: Array<[string, (out: string, stacks: Record<string, { synthesizedStackPath: string }>) => void, RegExp]> = [
    ["a stack name that climbs out", (_o, s) => (s["dev-../../../../tmp/x"] = { synthesizedStackPath: "stacks/dev-platform/cdk.tf.json" }), /stack name "dev-\.\.\/\.\.\/\.\.\/\.\.\/tmp\/x" is not a plain name/],
    ["a stack path with ..", (_o, s) => (s["dev-app-x"] = { synthesizedStackPath: "../host-secret.txt" }), /synthesizedStackPath of stack dev-app-x "\.\.\/host-secret\.txt" climbs out with "\.\."/],
    ["an absolute stack path", (o, s) => (s["dev-app-x"] = { synthesizedStackPath: path.join(path.dirname(o), "host-secret.txt") }), /is an absolute path/],
    [
      "a stack file that is a symlink out",
      (o, s) => {
        fs.symlinkSync(path.join(path.dirname(o), "host-secret.txt"), path.join(o, "stacks", "link.json"));
        s["dev-app-x"] = { synthesizedStackPath: "stacks/link.json" };
      },
      /"stacks\/link\.json" is a symlink to .*host-secret\.txt, outside the output folder/,
    ],
    ["a manifest file that is a symlink out", (o) => fs.symlinkSync(path.join(path.dirname(o), "host-secret.txt"), path.join(o, "gitops", "dev", "apps", "web", "secret.yaml")), /"gitops\/dev\/apps\/web\/secret\.yaml" is a symlink to .*outside the output folder/],
    ["an environment folder that is a symlink out", (o) => fs.symlinkSync(path.dirname(o), path.join(o, "gitops", "qa")), /environment folder "gitops\/qa" is a symlink to .*outside the output folder/],
    ["a .git folder in the output", (o) => fs.mkdirSync(path.join(o, "gitops", "dev", ".git")), /"\.git" segment/],
    ["a .GIT file deep in an app's folder", (o) => fs.writeFileSync(path.join(o, "gitops", "dev", "apps", "web", ".GIT"), "x"), /file "apps\/web\/\.GIT" cannot be published/],
  ];

  test.each(cases)("%s is refused with exit code 2 and nothing is published", async (_name, edit, message) => {
    const env = testEnv();
    const remote = bareRemote(env);
    const project = sourceRepo(env, { git: false });
    const out = output(edit);
    hostSecret(out);

    const run = await cli(project, env, "publish", "--repo", remote, "--out", out);

    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(commitsOn(remote, env)).toEqual([]);
  });

  test("the same output without the hostile entry publishes", async () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const project = sourceRepo(env, { git: false });
    const run = await cli(project, env, "publish", "--repo", remote, "--out", output(() => undefined));
    expect(run.code).toBe(0);
    expect(commitsOn(remote, env)).toHaveLength(1);
  });
});
