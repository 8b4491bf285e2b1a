import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { GitOpsWorkspace } from "../../lib/release/workspace";
import { StagedFolder } from "../../lib/release/staged-folder";
import { blobId } from "../../lib/release/tree";
import { bareRemote, cli, commitAll, git, gitShim, image, sourceRepo, testEnv, tmpDir, writePinsFile } from "./support";

/** Names whose order in a tree differs between plain string order and git's (folders sort as "name/"). */
const TRICKY_FILES = ["a.b", "a-b", "a-c/x", "a/x", "a0", "b/c/d/e.yaml", "b/c.yaml", "B", "é/f", "z\u00e9", "zz/\u{1f600}.txt", "zz/\uffee.txt"];

/** A commit of `files` (path → text) on `main` of a bare repository, built with git alone (in four git calls). */
function commitFiles(repo: string, files: Record<string, string>, env: NodeJS.ProcessEnv, parent?: string): { commit: string; tree: string } {
  const dir = tmpDir("tree-index-");
  const indexEnv = { ...env, GIT_INDEX_FILE: path.join(dir, "index") };
  const paths = Object.keys(files);
  const contents = paths.map((file, i) => {
    fs.writeFileSync(path.join(dir, `content-${i}`), files[file]);
    return path.join(dir, `content-${i}`);
  });
  const oids = paths.length > 0 ? execFileSync("git", ["hash-object", "-w", "--stdin-paths"], { cwd: repo, env: indexEnv, input: contents.join("\n") }).toString().trim().split("\n") : [];
  execFileSync("git", ["update-index", "--add", "-z", "--index-info"], { cwd: repo, env: indexEnv, input: paths.map((file, i) => `100644 ${oids[i]}\t${file}\0`).join("") });
  const tree = git(repo, ["write-tree"], indexEnv);
  const commit = git(repo, ["commit-tree", tree, ...(parent ? ["-p", parent] : []), "-m", "files"], indexEnv);
  git(repo, ["update-ref", "refs/heads/main", commit], env);
  return { commit, tree };
}

describe("tree ids computed in memory", () => {
  test.each(["sha1", "sha256"] as const)("are the ids git writes (%s), for names whose order is git's own", (algorithm) => {
    const env = testEnv();
    const repo = path.join(tmpDir(), "repo.git");
    git(path.dirname(repo), ["init", "--quiet", "--bare", `--object-format=${algorithm}`, repo], env);
    const files = Object.fromEntries(TRICKY_FILES.map((f) => [f, `content of ${f}\n`]));
    const { tree } = commitFiles(repo, files, env);
    const staged = new StagedFolder();
    for (const [file, text] of Object.entries(files)) staged.add(file, { mode: "100644", oid: blobId(Buffer.from(text), algorithm) });
    expect(staged.treeId(algorithm)).toBe(tree);
    expect(staged.folders.get("b")!.folders.get("c")!.treeId(algorithm)).toBe(git(repo, ["rev-parse", `${tree}:b/c`], env));
  });
});

describe("workspace changes by tree comparison", () => {
  const BASE: Record<string, string> = {
    "environments/dev/release.json": "{}\n",
    "environments/dev/apps/web/deployment.yaml": "web 1\n",
    "environments/dev/apps/web/service.yaml": "service\n",
    "environments/dev/apps/api/deployment.yaml": "api\n",
    "environments/dev/apps/gone/deployment.yaml": "gone\n",
    "environments/dev/becomes-folder": "file\n",
    "environments/dev/becomes-file/x.yaml": "x\n",
    "environments/staging/release.json": "{}\n",
    "environments/staging/apps/web/deployment.yaml": "web 1\n",
    "bootstrap/terraform/state/cdk.tf.json": "{}\n",
    ".github/CODEOWNERS": "* @old\n",
    "README.md": "kept, outside every scope\n",
  };
  const STAGED: Record<string, string> = {
    "environments/dev/release.json": "{}\n",
    "environments/dev/apps/web/deployment.yaml": "web 2\n",
    "environments/dev/apps/web/service.yaml": "service\n",
    "environments/dev/apps/api/deployment.yaml": "api\n",
    "environments/dev/apps/new/deployment.yaml": "new\n",
    "environments/dev/becomes-folder/y.yaml": "y\n",
    "environments/dev/becomes-file": "file now\n",
    "environments/staging/release.json": "{}\n",
    "environments/staging/apps/web/deployment.yaml": "web 1\n",
    "environments/prod/release.json": "{}\n",
    "bootstrap/terraform/state/cdk.tf.json": "{}\n",
    ".github/CODEOWNERS": "* @new\n",
  };

  function workspaceOn(files: Record<string, string>): { workspace: GitOpsWorkspace; remote: string; env: NodeJS.ProcessEnv; base: string } {
    const env = testEnv({ CDKTF_GITOPS_CACHE: tmpDir("tree-cache-") });
    const remote = bareRemote(env);
    const { commit } = commitFiles(remote, files, env);
    return { workspace: GitOpsWorkspace.open({ repo: remote, branch: "main", env }), remote, env, base: commit };
  }

  test("are git's own diff, type changes and deleted folders included, and the staged tree is the one git writes", () => {
    const { workspace, remote, env, base } = workspaceOn(BASE);
    try {
      workspace.replace(["environments/", "bootstrap/", ".github/CODEOWNERS"], new Map(Object.entries(STAGED).map(([f, t]) => [f, Buffer.from(t)])));
      const expected = { ...Object.fromEntries(Object.entries(BASE).filter(([f]) => f === "README.md")), ...STAGED };
      const { commit: wanted, tree } = commitFiles(remote, expected, env, base);
      const gitDiff = git(remote, ["diff-tree", "-r", "--no-renames", "--name-status", base, wanted], env)
        .split("\n")
        .map((line) => ({ status: line[0], path: line.slice(2) }));
      expect(workspace.stagedChanges()).toEqual(gitDiff.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)));
      expect(workspace.stagedTree()).toBe(tree);
      expect(workspace.environments()).toEqual(["dev", "prod", "staging"]);
      expect(workspace.blobIdsOf(["README.md", "environments/dev/apps/web/deployment.yaml", "environments/dev/apps/gone/deployment.yaml"])).toEqual(
        new Map([
          ["README.md", blobId(Buffer.from(BASE["README.md"]))],
          ["environments/dev/apps/web/deployment.yaml", blobId(Buffer.from("web 2\n"))],
        ]),
      );
      expect(workspace.trackedFiles("environments/dev/apps/")).toEqual(Object.keys(STAGED).filter((f) => f.startsWith("environments/dev/apps/")).sort());
    } finally {
      workspace.dispose();
    }
  });

  test.each([
    ["an empty repository (first publish)", {}],
    ["a hand-committed name that mktree's line format cannot carry", { ...BASE, 'notes/a "quoted"\\name.md': "hand\n" }],
  ])("build the tree git writes on %s", (_, files: Record<string, string>) => {
    const env = testEnv({ CDKTF_GITOPS_CACHE: tmpDir("tree-cache-") });
    const remote = bareRemote(env);
    const base = Object.keys(files).length > 0 ? commitFiles(remote, files, env).commit : undefined;
    const workspace = GitOpsWorkspace.open({ repo: remote, branch: "main", env });
    try {
      workspace.replace(["environments/", "bootstrap/", ".github/CODEOWNERS"], new Map(Object.entries(STAGED).map(([f, t]) => [f, Buffer.from(t)])));
      const kept = Object.fromEntries(Object.entries(files).filter(([f]) => !f.startsWith("environments/") && !f.startsWith("bootstrap/") && f !== ".github/CODEOWNERS"));
      expect(workspace.stagedTree()).toBe(commitFiles(remote, { ...kept, ...STAGED }, env, base).tree);
    } finally {
      workspace.dispose();
    }
  });

  test("staging nothing in place of everything gives the empty tree", () => {
    const { workspace } = workspaceOn(Object.fromEntries(Object.entries(BASE).filter(([f]) => f.startsWith("environments/"))));
    try {
      workspace.replace(["environments/"], new Map());
      expect(workspace.stagedChanges().every((c) => c.status === "D")).toBe(true);
      expect(workspace.stagedTree()).toBe("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
    } finally {
      workspace.dispose();
    }
  });

  test("an unchanged scope is no change, and a restored folder is the commit's", () => {
    const { workspace, base } = workspaceOn(BASE);
    try {
      const scoped = Object.entries(BASE).filter(([f]) => f.startsWith("environments/"));
      workspace.replace(["environments/"], new Map(scoped.map(([f, t]) => [f, Buffer.from(t)])));
      expect(workspace.stagedChanges()).toEqual([]);
      workspace.replace(["environments/dev/"], new Map());
      expect(workspace.environments()).toEqual(["staging"]);
      expect(workspace.stagedChanges().filter((c) => c.status !== "D")).toEqual([]);
      workspace.restoreFolder("environments/dev/", base);
      expect(workspace.stagedChanges()).toEqual([]);
      expect(workspace.environments()).toEqual(["dev", "staging"]);
    } finally {
      workspace.dispose();
    }
  });
});

test("verify and a publish with nothing to change read the trees on the path in one git call, never a listing of the repository", async () => {
  const env = testEnv();
  const remote = bareRemote(env);
  const source = sourceRepo(env, { pins: { dev: { web: image("web", "1") } } });
  expect((await cli(source, env, "publish", "--repo", remote)).code).toBe(0);
  const log = path.join(tmpDir(), "git-calls.log");
  const shimmed = { ...env, PATH: `${gitShim(`echo " $* " >> "${log}"`)}${path.delimiter}${env.PATH}` };
  expect((await cli(source, shimmed, "verify", "--repo", remote)).code).toBe(0);
  // the trees on the paths and the release.json files in one git process
  expect(fs.readFileSync(log, "utf8").match(/ cat-file --batch /g)).toHaveLength(1);
  expect((await cli(source, shimmed, "publish", "--repo", remote)).stdout).toContain("up to date");
  const calls = fs.readFileSync(log, "utf8");
  expect(calls).toContain(" cat-file --batch ");
  expect(calls).not.toMatch(/ls-tree|read-tree|write-tree|mktree/);

  // a one-app change writes the trees on its path with mktree: still no listing, no index
  fs.rmSync(log);
  writePinsFile(source, "dev", { web: image("web", "2") });
  commitAll(source, "web 2", env);
  const published = await cli(source, shimmed, "publish", "--repo", remote);
  expect(published.code).toBe(0);
  expect(git(remote, ["diff", "--name-only", "main~1", "main"], env).split("\n")).toEqual(["environments/dev/apps/web/deployment-web.yaml", "environments/dev/release.json"]);
  const publishCalls = fs.readFileSync(log, "utf8");
  expect(publishCalls).toContain(" mktree --missing --batch ");
  expect(publishCalls).not.toMatch(/ls-tree|read-tree|write-tree/);
});
