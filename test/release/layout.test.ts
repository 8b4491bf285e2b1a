import * as fs from "fs";
import * as path from "path";
import { layoutRelease, splitStackName } from "../../lib/release";
import { image, tmpDir } from "./support";

function cdktfOut(): string {
  const out = tmpDir();
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
    fs.writeFileSync(path.join(out, file), text);
  };
  const stacks: Record<string, unknown> = {};
  const stack = (name: string, dependencies: string[]) => {
    stacks[name] = { name, dependencies, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
    write(`stacks/${name}/cdk.tf.json`, `{"name":"${name}"}`);
  };
  stack("state", []);
  stack("dev-platform", ["state"]);
  stack("dev-monitoring", ["dev-platform"]);
  stack("dev-app-web", ["dev-monitoring", "dev-platform"]);
  stack("prod-platform", ["state"]);
  write("gitops/dev/apps/web/deployment-web.yaml", "kind: Deployment\n");
  write("gitops/dev/infrastructure/namespace-x.yaml", "kind: Namespace\n");
  write("manifest.json", JSON.stringify({ stacks }));
  return out;
}

describe("layoutRelease", () => {
  test("places stacks, manifests, release.json and bootstrap stacks as the GitOps repository layout says", () => {
    const out = cdktfOut();
    const layout = layoutRelease({ outDir: out, pins: { dev: { web: image("web", "1"), gone: image("gone", "1") } }, sourceCommit: "abc" });
    expect([...layout.files.keys()].sort()).toEqual([
      "bootstrap/terraform/state/cdk.tf.json",
      "environments/dev/apps/web/deployment-web.yaml",
      "environments/dev/infrastructure/namespace-x.yaml",
      "environments/dev/release.json",
      "environments/dev/terraform/app-web/cdk.tf.json",
      "environments/dev/terraform/monitoring/cdk.tf.json",
      "environments/dev/terraform/platform/cdk.tf.json",
      "environments/prod/release.json",
      "environments/prod/terraform/platform/cdk.tf.json",
    ]);
    expect(layout.scope).toEqual(["environments/", "bootstrap/"]);
    expect(layout.unusedPins).toEqual(["dev/gone"]);
    expect(layout.files.get("environments/dev/release.json")!.toString()).toBe(
      `${JSON.stringify(
        {
          apps: { web: image("web", "1") },
          environment: "dev",
          sourceCommit: "abc",
          stacks: [
            { dependsOn: ["state"], name: "dev-platform", path: "terraform/platform/cdk.tf.json" },
            { dependsOn: ["dev-platform"], name: "dev-monitoring", path: "terraform/monitoring/cdk.tf.json" },
            { dependsOn: ["dev-monitoring", "dev-platform"], name: "dev-app-web", path: "terraform/app-web/cdk.tf.json" },
          ],
        },
        null,
        2,
      )}\n`,
    );
  });

  test("--env scope: only the named environments, no bootstrap, unknown ones rejected", () => {
    const out = cdktfOut();
    const layout = layoutRelease({ outDir: out, pins: {}, sourceCommit: "abc", environments: ["prod"] });
    expect([...layout.files.keys()].sort()).toEqual(["environments/prod/release.json", "environments/prod/terraform/platform/cdk.tf.json"]);
    expect(layout.scope).toEqual(["environments/prod/"]);
    expect(() => layoutRelease({ outDir: out, pins: {}, sourceCommit: "abc", environments: ["qa"] })).toThrow('unknown environment "qa"; the synthesized output has: dev, prod');
  });

  test("identical input gives identical bytes", () => {
    const out = cdktfOut();
    const a = layoutRelease({ outDir: out, pins: { dev: { web: image("web", "1") } }, sourceCommit: "abc" });
    const b = layoutRelease({ outDir: out, pins: { dev: { web: image("web", "1") } }, sourceCommit: "abc" });
    expect([...a.files.entries()].map(([k, v]) => [k, v.toString("hex")])).toEqual([...b.files.entries()].map(([k, v]) => [k, v.toString("hex")]));
  });

  test("names and paths are checked at once; file contents are read on first use, once", () => {
    const out = cdktfOut();
    const deployment = path.join(out, "gitops/dev/apps/web/deployment-web.yaml");
    const layout = layoutRelease({ outDir: out, pins: {}, sourceCommit: "abc" });
    // read after the layout: a command starts its git processes in between (see ReleaseFiles)
    fs.writeFileSync(deployment, "kind: Deployment # later\n");
    expect(layout.files.get("environments/dev/apps/web/deployment-web.yaml")!.toString()).toBe("kind: Deployment # later\n");
    fs.writeFileSync(deployment, "kind: Deployment # too late\n");
    expect(layout.files.get("environments/dev/apps/web/deployment-web.yaml")!.toString()).toBe("kind: Deployment # later\n");
    fs.mkdirSync(path.join(out, "gitops/dev/.git"));
    expect(() => layoutRelease({ outDir: out, pins: {}, sourceCommit: "abc" })).toThrow(/"\.git" segment/);
  });

  test("a folder without manifest.json is rejected", () => {
    expect(() => layoutRelease({ outDir: tmpDir(), pins: {}, sourceCommit: "abc" })).toThrow(/holds no manifest\.json; pass a synthesized cdktf\.out folder/);
  });

  test("stack names split at the first dash", () => {
    expect(splitStackName("dev-app-web")).toEqual({ environment: "dev", stack: "app-web" });
    expect(splitStackName("state")).toEqual({ stack: "state" });
  });
});

describe("resolveRepository", () => {
  test("passes URLs (also git's scp-like host:path) to git and makes paths absolute", () => {
    const { resolveRepository } = require("../../lib/release/gitops-repository");
    const cwd = tmpDir();
    for (const url of ["https://github.com/o/r.git", "ssh://git@host/o/r.git", "git@github.com:o/r.git", "gitops-host:repos/gitops.git", "file:///srv/gitops.git"]) {
      expect(resolveRepository(url, cwd, "main", cwd)).toBe(url);
    }
    expect(resolveRepository("../gitops.git", cwd, "main", cwd)).toBe(path.resolve(cwd, "../gitops.git"));
    expect(resolveRepository("./a:b", cwd, "main", cwd)).toBe(path.join(cwd, "a:b"));
  });
});
