#!/usr/bin/env node
"use strict";
// End-to-end test of a new team's first hour (`npm run test:e2e`, run by .ci/run after `npm test`): pack this
// library as npm would publish it, `cdktf-gitops init` a new infra repository in a temporary folder, install the
// tarball and its peers from the npm registry, run the scaffold's own `npm test` (twice: the second run with
// --ci proves the snapshot written by the first is stable), `npx cdktf synth`, commit, `npx cdktf-gitops publish`
// to a bare repository, and check the release, `verify`, `status` and `graph`. Needs git and the npm registry; no cloud.
// Then the same scaffold with cdktf aliased to CDK Terrain (docs/cdk-terrain.md): install, type-check, synthesize
// with the library under cdktn and compare with the cdktf output; with Node 22.19 or later also `cdktn synth`.
// KEEP_E2E=1 keeps the temporary folder for a look afterwards; E2E_SKIP_CDKTN=1 skips the CDK Terrain part.
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-gitops-e2e-"));
const env = {
  ...process.env,
  CHECKPOINT_DISABLE: "1",
  DISABLE_VERSION_CHECK: "1",
  NO_COLOR: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "E2E Test",
  GIT_AUTHOR_EMAIL: "e2e@example.com",
  GIT_COMMITTER_NAME: "E2E Test",
  GIT_COMMITTER_EMAIL: "e2e@example.com",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_update_notifier: "false",
};
for (const key of Object.keys(env)) if (key.startsWith("npm_lifecycle") || key === "npm_package_json") delete env[key];

function step(title) {
  process.stdout.write(`e2e [${((Date.now() - started) / 1000).toFixed(1)}s] ${title}\n`);
}

/** Runs a command without a shell; fails the test with its output unless it exits with `expect` (default 0). */
function run(cwd, command, args, expect = 0) {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error || result.status !== expect) {
    const output = `${result.stdout ?? ""}${result.stderr ?? ""}`.trim().split("\n").slice(-40).join("\n");
    fail(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status ?? result.error?.message}, expected ${expect}:\n${output}`);
  }
  return result.stdout;
}

function check(condition, message) {
  if (!condition) fail(message);
}

function fail(message) {
  process.stderr.write(`e2e FAILED: ${message}\n(temporary folder kept: ${work})\n`);
  process.exit(1);
}

/** CDK Terrain versions the CDK Terrain part installs (cdktn 0.24 wants constructs >=10.6 <10.8). */
const CDKTN = { cdktn: "0.24.0", constructs: "10.7.2", cli: "0.24.0" };

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";

step(`npm pack (prepack builds dist/) into ${work}`);
const packed = JSON.parse(run(root, npm, ["pack", "--json", "--pack-destination", work]));
const tarball = path.join(work, packed[0].filename);
const packedFiles = packed[0].files.map((f) => f.path);
for (const needed of ["register.js", "bin/cdktf-gitops.js", "dist/index.js", "dist/index.d.ts", "dist/lib/cli/main.js", "package.json"]) {
  check(packedFiles.includes(needed), `the package lacks ${needed}; add it to "files" in package.json`);
}
check(!packedFiles.some((f) => f.startsWith("test/") || f.startsWith("lib/")), "the package ships sources or tests; keep them out of \"files\"");

step("cdktf-gitops init infra (from the packed library)");
const extracted = path.join(work, "package");
run(work, "tar", ["-xzf", tarball]);
fs.symlinkSync(path.join(root, "node_modules"), path.join(extracted, "node_modules"), "dir");
const infra = path.join(work, "infra");
run(work, process.execPath, [path.join(extracted, "bin", "cdktf-gitops.js"), "init", "infra", "--name", "acme", "--library", `file:${tarball}`]);
fs.rmSync(extracted, { recursive: true, force: true });

step("npm install (the tarball, its peers and the tools from the npm registry)");
run(infra, npm, ["install", "--no-audit", "--no-fund"]);

step("npm test (type-check, snapshot written), then npm test -- --ci (snapshot stable)");
// --ci=false: the first run is a developer's, who writes the snapshot; under CI=true jest would refuse to write it
run(infra, npm, ["test", "--", "--ci=false"]);
check(fs.existsSync(path.join(infra, "test", "__snapshots__", "platform.test.ts.snap")), "npm test wrote no snapshot");
run(infra, npm, ["test", "--", "--ci"]);

step("npx cdktf synth");
const synthOutput = run(infra, npx, ["cdktf", "synth"]);
for (const stack of ["dev-platform", "dev-monitoring", "dev-gitops", "dev-app-hello"]) {
  check(fs.existsSync(path.join(infra, "cdktf.out", "stacks", stack, "cdk.tf.json")), `cdktf synth wrote no ${stack} stack:\n${synthOutput}`);
}
check(!/checkpoint/i.test(synthOutput), `cdktf synth reported on the checkpoint service:\n${synthOutput}`);

step("git commit (the .gitignore keeps node_modules, cdktf.out and .gitops out)");
run(infra, "git", ["add", "-A"]);
const staged = run(infra, "git", ["diff", "--cached", "--name-only"]).trim().split("\n");
check(staged.length < 30 && !staged.some((f) => /^(node_modules|cdktf\.out|\.gitops)\//.test(f)), `git add -A staged ${staged.length} files: ${staged.slice(0, 10).join(", ")}`);
run(infra, "git", ["commit", "-q", "-m", "infrastructure scaffold"]);
const head = run(infra, "git", ["rev-parse", "HEAD"]).trim();

step("npx cdktf-gitops publish --repo <bare repository>");
const remote = path.join(work, "gitops.git");
run(work, "git", ["init", "-q", "--bare", "-b", "main", remote]);
const published = JSON.parse(run(infra, npx, ["cdktf-gitops", "publish", "--repo", remote, "--json", "--quiet"]));
check(published.ok && published.changed && published.sourceCommit === head, `publish did not release ${head}: ${JSON.stringify(published)}`);
const release = JSON.parse(run(work, "git", ["--git-dir", remote, "show", "main:environments/dev/release.json"]));
const pin = JSON.parse(fs.readFileSync(path.join(infra, "environments", "pins", "dev.json"), "utf8")).hello;
check(release.apps?.hello === pin && release.sourceCommit === head, `release.json does not pin hello to ${pin} from ${head}: ${JSON.stringify(release)}`);
const tree = run(work, "git", ["--git-dir", remote, "ls-tree", "-r", "--name-only", "main"]).split("\n");
for (const file of ["environments/dev/terraform/platform/cdk.tf.json", "environments/dev/apps/hello/deployment-hello.yaml", "environments/dev/environment.json"]) {
  check(tree.includes(file), `the gitops repository has no ${file}`);
}

step("npx cdktf-gitops verify and publish again (nothing to publish)");
run(infra, npx, ["cdktf-gitops", "verify", "--repo", remote, "--quiet"]);
const again = JSON.parse(run(infra, npx, ["cdktf-gitops", "publish", "--repo", remote, "--json", "--quiet"]));
check(again.ok && again.changed === false, `a second publish changed something: ${JSON.stringify(again)}`);

step("npx cdktf-gitops status and graph");
const status = JSON.parse(run(infra, npx, ["cdktf-gitops", "status", "--repo", remote, "--json", "--quiet"]));
const dev = status.environments.find((e) => e.environment === "dev");
check(dev?.matchesSynth === true && dev.current?.id === published.releaseId && dev.apps.hello === pin, `status does not show dev at ${published.releaseId}: ${JSON.stringify(status)}`);
const mermaid = run(infra, npx, ["cdktf-gitops", "graph", "--out", "cdktf.out"]);
check(mermaid.includes("s_dev_platform --> s_dev_app_hello"), `graph lacks dev-platform -> dev-app-hello:\n${mermaid}`);

cdkTerrain();

if (process.env.KEEP_E2E) process.stdout.write(`e2e: kept ${work}\n`);
else {
  step("removing the temporary folder");
  fs.rmSync(work, { recursive: true, force: true });
}
const seconds = ((Date.now() - started) / 1000).toFixed(1);
process.stdout.write(`e2e passed in ${seconds}s: pack, init, npm install, npm test, cdktf synth, publish, verify, status, graph\n`);

/** JSON without the cdktf version stamps ("version" keys), for comparing output of cdktf and cdktn. */
function withoutVersions(value) {
  if (Array.isArray(value)) return value.map(withoutVersions);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "version").map(([k, v]) => [k, withoutVersions(v)]));
  return value;
}

/** Files under a folder (relative, sorted). */
function filesUnder(dir) {
  const out = [];
  const walk = (at) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const file = path.join(at, entry.name);
      if (entry.isDirectory()) walk(file);
      else out.push(path.relative(dir, file));
    }
  };
  walk(dir);
  return out.sort();
}

function cdkTerrain() {
  if (process.env.E2E_SKIP_CDKTN) return step("CDK Terrain: skipped (E2E_SKIP_CDKTN)");
  step(`CDK Terrain: the scaffold with "cdktf": "npm:cdktn@${CDKTN.cdktn}", npm install`);
  const terrain = path.join(work, "infra-cdktn");
  for (const file of run(infra, "git", ["ls-files"]).trim().split("\n")) {
    fs.mkdirSync(path.dirname(path.join(terrain, file)), { recursive: true });
    fs.copyFileSync(path.join(infra, file), path.join(terrain, file));
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(terrain, "package.json"), "utf8"));
  pkg.dependencies.cdktf = `npm:cdktn@${CDKTN.cdktn}`;
  pkg.dependencies.constructs = CDKTN.constructs;
  delete pkg.devDependencies["cdktf-cli"]; // the library part: the app runs without a CLI
  const nodeMajorMinor = process.versions.node.split(".").map(Number);
  const cliRuns = nodeMajorMinor[0] > 22 || (nodeMajorMinor[0] === 22 && nodeMajorMinor[1] >= 19);
  if (cliRuns) pkg.devDependencies["cdktn-cli"] = CDKTN.cli;
  // The @cdktf providers and cdktf-gitops ask for cdktf ^0.21 as a peer: overrides make them take the alias.
  pkg.overrides = { cdktf: "$cdktf", constructs: "$constructs" };
  fs.writeFileSync(path.join(terrain, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  // Start from the cdktf installation (hard links: nothing is copied), so npm only swaps what the alias changes.
  if (process.platform !== "win32") run(work, "cp", ["-al", path.join(infra, "node_modules"), path.join(terrain, "node_modules")]);
  run(terrain, npm, ["install", "--no-audit", "--no-fund"]);
  const installed = JSON.parse(fs.readFileSync(path.join(terrain, "node_modules", "cdktf", "package.json"), "utf8"));
  check(installed.name === "cdktn" && installed.version === CDKTN.cdktn, `node_modules/cdktf is ${installed.name}@${installed.version}, not cdktn@${CDKTN.cdktn}`);

  step("CDK Terrain: tsc --noEmit, synthesize, compare with the cdktf output");
  run(terrain, npx, ["tsc", "--noEmit"]);
  const out = path.join(work, "cdktn.out");
  const synth = spawnSync(process.execPath, ["-r", "cdktf-gitops/register.js", "main.ts"], { cwd: terrain, env: { ...env, CDKTF_OUTDIR: out }, encoding: "utf8" });
  check(synth.status === 0, `the app failed under cdktn:\n${synth.stdout}${synth.stderr}`);
  const reference = path.join(infra, "cdktf.out");
  const compared = (dir) => filesUnder(dir).filter((f) => f.startsWith("stacks") || f.startsWith("gitops") || f === "manifest.json");
  const names = compared(reference);
  check(JSON.stringify(names) === JSON.stringify(compared(out)), `cdktn wrote other files than cdktf: ${compared(out).filter((f) => !names.includes(f)).join(", ")}`);
  for (const file of names) {
    const [a, b] = [fs.readFileSync(path.join(reference, file), "utf8"), fs.readFileSync(path.join(out, file), "utf8")];
    const same = file.endsWith(".json") ? JSON.stringify(withoutVersions(JSON.parse(a))) === JSON.stringify(withoutVersions(JSON.parse(b))) : a === b;
    check(same, `${file} differs between cdktf and cdktn beyond the version stamp`);
  }
  if (!cliRuns) return step(`CDK Terrain: cdktn-cli ${CDKTN.cli} needs Node 22.19 or later (this is ${process.versions.node}); cdktn synth not run`);
  step("CDK Terrain: npx cdktn synth");
  run(terrain, npx, ["cdktn", "synth"]);
  check(fs.existsSync(path.join(terrain, "cdktf.out", "stacks", "dev-platform", "cdk.tf.json")), "cdktn synth wrote no dev-platform stack");
}
