import { App } from "cdktf";
import * as fs from "fs";
import * as path from "path";
import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { publish } from "../../lib/release/publish";
import { layoutRelease } from "../../lib/release/layout";
import { buildPlatform } from "../../stacks/build-platform";
import { bareRemote, fileOn, filesOn, testEnv } from "../release/support";
import { tempDir } from "../support/governance";

const REPO_ROOT = path.join(__dirname, "..", "..");

/** The reference platform (with its governance) synthesized into a fresh cdktf.out, prod approved by `prodApprovers`. */
function synthReference(prodApprovers: string[]): string {
  const outdir = tempDir("governance-publish-");
  const app = new App({ outdir });
  const environments = referencePlatform.environments.map((e) => (e.name === "prod" ? { ...e, delivery: { ...e.delivery!, approvers: prodApprovers } } : e));
  buildPlatform(app, { ...referencePlatform, environments }, { apps: referenceApps, pins: referencePins });
  app.synth();
  return outdir;
}

describe("CODEOWNERS in the published GitOps tree", () => {
  const outdir = synthReference(["contoso/prod-approvers"]);
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test("publish lays .github/CODEOWNERS at the root; its environment paths are folders of the published tree", () => {
    const env = testEnv();
    const remote = bareRemote(env);
    const result = publish({ cwd: REPO_ROOT, out: outdir, repo: remote, allowDirty: true, env });
    expect(result.changed).toBe(true);
    const files = filesOn(remote, env);
    expect(files).toContain(".github/CODEOWNERS");
    const codeOwners = fileOn(remote, ".github/CODEOWNERS", env);
    expect(codeOwners).toBe(fs.readFileSync(path.join(outdir, "gitops-root/.github/CODEOWNERS"), "utf8").trimEnd());
    const patterns = codeOwners.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split(/\s+/)[0]);
    for (const pattern of patterns.filter((p) => p.startsWith("/environments/"))) {
      expect(files.some((f) => `/${f}`.startsWith(pattern))).toBe(true);
    }
    expect(patterns.filter((p) => p.startsWith("/environments/")).sort()).toEqual(referencePlatform.environments.map((e) => `/environments/${e.name}/`).sort());
    expect(patterns).toContain("/.github/CODEOWNERS");
  });

  test("an environment-scoped publish carries a changed CODEOWNERS too, and never deletes other root files", () => {
    const env = testEnv();
    const remote = bareRemote(env);
    publish({ cwd: REPO_ROOT, out: outdir, repo: remote, allowDirty: true, env });
    const changed = synthReference(["contoso/prod-approvers", "contoso/sre"]);
    try {
      const result = publish({ cwd: REPO_ROOT, out: changed, repo: remote, allowDirty: true, env, environments: ["dev"] });
      expect(result.plan.files).toEqual([{ status: "M", path: ".github/CODEOWNERS" }]);
      expect(fileOn(remote, ".github/CODEOWNERS", env)).toContain("/environments/prod/    @contoso/prod-approvers @contoso/sre");
    } finally {
      fs.rmSync(changed, { recursive: true, force: true });
    }
  });

  test("a root file inside a folder releases own is refused", () => {
    const bad = tempDir("governance-bad-root-");
    fs.cpSync(outdir, bad, { recursive: true });
    fs.mkdirSync(path.join(bad, "gitops-root/environments/dev"), { recursive: true });
    fs.writeFileSync(path.join(bad, "gitops-root/environments/dev/x.yaml"), "x: 1\n");
    expect(() => layoutRelease({ outDir: bad, pins: {}, sourceCommit: "none" })).toThrow(
      "gitops-root/environments/dev/x.yaml: root file \"environments/dev/x.yaml\" lies in environments/, which releases own",
    );
    fs.rmSync(bad, { recursive: true, force: true });
  });
});
