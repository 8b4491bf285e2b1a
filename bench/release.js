#!/usr/bin/env node
// Release engine benchmark: a GitOps repository of one environment with 1,000 apps (the output of
// bench/apps-synth.ts, about 11,000 files) and 100 or 1,000 earlier releases, in a temporary folder on disk
// (as users have it). Each command runs as its own `cdktf-gitops` process with `--out` (so the time is what the
// command adds to synth) and is measured for this checkout and, side by side, for an older commit (`--base`,
// default main) checked out with `git worktree` into the temporary folder.
//   npm run bench:release                       print the table
//   npm run bench:release -- --record           also write it into bench/RESULTS.md (the release section)
//   npm run bench:release -- --base <commit>    compare with another commit
// BENCH_RUNS (default 3) runs per command, median; BENCH_SYNTH_RUNS (default BENCH_RUNS) synths of the apps;
// BENCH_RELEASE_DIR the folder (default the system's temp); BENCH_APPS (default 1000) for a quick smoke run.
const { execFileSync, spawnSync } = require("child_process");
const crypto = require("crypto");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { caCertsNote } = require("./ca-certs-note");
require("../register.js");
const { synthNodeOptions } = require("../lib/release/synth-node-options");

const ROOT = path.resolve(__dirname, "..");
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SYNTH_RUNS = Number(process.env.BENCH_SYNTH_RUNS ?? RUNS);
const APPS = Number(process.env.BENCH_APPS ?? 1000);
const CHANGED_APP = `app${String(Math.floor(APPS / 2)).padStart(4, "0")}`;
const args = process.argv.slice(2);
const baseRef = args.includes("--base") ? args[args.indexOf("--base") + 1] : "main";
const work = fs.mkdtempSync(path.join(process.env.BENCH_RELEASE_DIR ?? os.tmpdir(), "cdktf-gitops-release-bench-"));
const log = (message) => process.stderr.write(`${message}\n`);
const gitEnv = { ...process.env, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" };
const git = (cwd, gitArgs, input) => execFileSync("git", gitArgs, { cwd, env: gitEnv, input, maxBuffer: 1 << 30 }).toString().trim();

const image = (name, variant = "") => `acrcontosodev.azurecr.io/${name}:1.0.${name.slice(3)}${variant}@sha256:${crypto.createHash("sha256").update(name + variant).digest("hex")}`;

/** Two projects with the output of 1,000 apps each: `a`, and `b` where one app runs another image. */
function prepareOutputs() {
  const outA = path.join(work, "out-a");
  log(`synthesizing ${APPS} apps into ${outA}`);
  const synthTimes = [];
  for (let run = 0; run < SYNTH_RUNS; run++) {
    fs.rmSync(outA, { recursive: true, force: true });
    const start = process.hrtime.bigint();
    // with the NODE_OPTIONS `cdktf-gitops synth` gives an app on this machine
    execFileSync(process.execPath, ["-r", "./register.js", "bench/apps-synth.ts", String(APPS), outA], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_OPTIONS: synthNodeOptions(process.env.NODE_OPTIONS) ?? "" } });
    synthTimes.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const outB = path.join(work, "out-b");
  fs.cpSync(outA, outB, { recursive: true });
  const deployment = path.join(outB, "gitops", "dev", "apps", CHANGED_APP, `deployment-${CHANGED_APP}.yaml`);
  fs.writeFileSync(deployment, fs.readFileSync(deployment, "utf8").split(image(CHANGED_APP)).join(image(CHANGED_APP, "b")));
  const pins = {};
  for (let i = 0; i < APPS; i++) pins[`app${String(i).padStart(4, "0")}`] = image(`app${String(i).padStart(4, "0")}`);
  const project = (name, pinsOf) => {
    const dir = path.join(work, `project-${name}`);
    fs.mkdirSync(path.join(dir, "environments", "pins"), { recursive: true });
    fs.writeFileSync(path.join(dir, "environments", "pins", "dev.json"), `${JSON.stringify(pinsOf, null, 2)}\n`);
    return dir;
  };
  return {
    synthMs: median(synthTimes),
    a: { out: outA, project: project("a", pins) },
    b: { out: outB, project: project("b", { ...pins, [CHANGED_APP]: image(CHANGED_APP, "b") }) },
  };
}

/** The code to measure: this checkout, and `baseRef` in a worktree sharing this checkout's node_modules. */
function codeVersions() {
  const baseDir = path.join(work, "base");
  git(ROOT, ["worktree", "add", "--detach", "--quiet", baseDir, baseRef]);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(baseDir, "node_modules"));
  const commit = git(baseDir, ["rev-parse", "--short", "HEAD"]);
  return [
    { name: `before (${baseRef} ${commit})`, bin: path.join(baseDir, "bin", "cdktf-gitops.js"), before: true, failures: new Set() },
    { name: `after (${git(ROOT, ["rev-parse", "--short", "HEAD"])}${git(ROOT, ["status", "--porcelain"]) ? "+changes" : ""})`, bin: path.join(ROOT, "bin", "cdktf-gitops.js"), failures: new Set() },
  ];
}

/** GNU time, for the CPU time of a command and every process it waited for (git included). */
const TIME = fs.existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

/**
 * Runs one command of one code version; returns `{ ms, cpuMs }` (wall time, and user + system CPU time of the
 * command and its children: on a shared machine the CPU time varies far less with the load than the wall time).
 * A failure of this checkout throws; one of the older code is recorded (`failures`) and shown in the table, as
 * the first publish of 1,000 apps on disk failed.
 */
function run(code, project, cliArgs) {
  const timeFile = path.join(work, "time.txt");
  const command = [process.execPath, code.bin, ...cliArgs, "-q"];
  const [program, ...programArgs] = TIME ? [TIME, "-f", "%U %S", "-o", timeFile, ...command] : command;
  const start = process.hrtime.bigint();
  // stdout ignored: the old code prints history and file lists even with -q, which would overflow a pipe buffer
  const result = spawnSync(program, programArgs, { cwd: project, env: { ...gitEnv, CDKTF_GITOPS_CACHE: code.cache }, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpuMs = TIME ? fs.readFileSync(timeFile, "utf8").trim().split("\n").pop().split(" ").reduce((sum, v) => sum + Number(v) * 1000, 0) : NaN;
  if (result.status !== 0) {
    const error = `cdktf-gitops ${cliArgs[0]} exited ${result.status}: ${(/error: (.*)/.exec(result.stderr)?.[1] ?? result.stderr).slice(0, 120)}`;
    if (!code.before) throw new Error(`${code.name}: ${error}\n${result.stderr}`);
    code.failures.add(error);
    log(`${code.name}: ${error}`);
  }
  return { ms, cpuMs };
}

/**
 * Adds `count` releases on top of the repository's head with git fast-import (each changes one app's deployment
 * and release.json, with the trailers publish writes), then one that restores the head's content, so the
 * repository again matches output `a`.
 */
function addReleases(remote, count) {
  const head = git(remote, ["rev-parse", "main"]);
  const original = new Map();
  const lines = [];
  const data = (text) => `data ${Buffer.byteLength(text)}\n${text}`; // the newline of the join ends it
  const release = git(remote, ["show", "main:environments/dev/release.json"]);
  for (let i = 0; i < count; i++) {
    const app = `app${String(i % APPS).padStart(4, "0")}`;
    const file = `environments/dev/apps/${app}/deployment-${app}.yaml`;
    if (!original.has(file)) original.set(file, git(remote, ["show", `main:${file}`]));
    const id = `2026010${1 + (i % 9)}T000000Z-${crypto.createHash("sha256").update(String(i)).digest("hex").slice(0, 8)}`;
    const message = `release ${id}: dev\n\nRelease-Id: ${id}\nRelease-Kind: publish\nSource-Repository: bench\nSource-Commit: none\nEnvironments: dev\nApps: dev/${app}\n`;
    lines.push(`commit refs/heads/main`, `committer bench <bench@example.com> ${1767225600 + i * 60} +0000`, data(message), ...(i === 0 ? [`from ${head}`] : []));
    lines.push(`M 100644 inline ${file}`, data(`${original.get(file)}\n# release ${i}\n`), `M 100644 inline environments/dev/release.json`, data(release.replace('"none"', `"r${i}"`)));
  }
  lines.push(`commit refs/heads/main`, `committer bench <bench@example.com> ${1767225600 + count * 60} +0000`, data("release back to the output\n\nRelease-Kind: publish\nEnvironments: dev\n"));
  for (const [file, text] of original) lines.push(`M 100644 inline ${file}`, data(`${text}\n`));
  lines.push(`M 100644 inline environments/dev/release.json`, data(`${release}\n`), "done", "");
  git(remote, ["fast-import", "--quiet", "--done"], lines.join("\n"));
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median wall and CPU time of several runs. */
function medians(results) {
  return { ms: median(results.map((r) => r.ms)), cpuMs: median(results.map((r) => r.cpuMs)) };
}

/**
 * Every measured command for one repository size, each code version on its own copy of the repository; the
 * versions take turns run by run, so a change of the machine's load hits both alike.
 */
function measureAll(versions, outputs, remotes, count) {
  const rows = [];
  const scenario = (name, argsOf) => {
    const results = versions.map(() => []);
    for (let i = 0; i < argsOf.length; i++) versions.forEach((code, v) => results[v].push(run(code, argsOf[i].project, [...argsOf[i].args, "--repo", remotes[v]])));
    versions.forEach((code, v) => rows.push({ scenario: name, history: String(count), code: code.name, ...medians(results[v]) }));
    // progress with the numbers, so a run cut short still tells what it measured
    log(`${name} (${count} earlier releases): ${rows.slice(-versions.length).map((r) => `${r.code} ${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU`).join("; ")}`);
  };
  const repeat = (project, args) => Array.from({ length: RUNS }, () => ({ project, args }));
  // a user's cache is warm after their first command: build it (not measured) before the warm scenarios, and
  // measure building it on its own ("cache deleted first")
  versions.forEach((code, v) => run(code, outputs.a.project, ["verify", "--out", outputs.a.out, "--repo", remotes[v]]));
  scenario("publish, nothing to change", repeat(outputs.a.project, ["publish", "--out", outputs.a.out]));
  scenario("verify", repeat(outputs.a.project, ["verify", "--out", outputs.a.out]));
  scenario("history --limit 20", repeat(outputs.a.project, ["history", "--env", "dev", "--limit", "20"]));
  // alternating b, a, b, a...: every run is a one-app change (and the last one leaves the repository at a)
  scenario("publish of a one-app change", Array.from({ length: RUNS * 2 }, (_, i) => (i % 2 === 0 ? outputs.b : outputs.a)).map((o) => ({ project: o.project, args: ["publish", "--out", o.out] })));
  for (const code of versions) fs.rmSync(code.cache, { recursive: true, force: true });
  scenario("verify, cache deleted first", [{ project: outputs.a.project, args: ["verify", "--out", outputs.a.out] }]);
  return rows;
}

function main() {
  const outputs = prepareOutputs();
  const versions = codeVersions();
  const rows = [];
  const seed = path.join(work, "seed.git");
  git(work, ["init", "--quiet", "--bare", "--initial-branch=main", seed]);
  versions.forEach((code, v) => (code.cache = path.join(work, `cache-${v}`)));
  for (const code of versions) {
    const empty = path.join(work, `empty-${versions.indexOf(code)}.git`);
    git(work, ["init", "--quiet", "--bare", "--initial-branch=main", empty]);
    log(`${code.name}: first publish`);
    const failedBefore = code.failures.size;
    const result = run(code, outputs.a.project, ["publish", "--out", outputs.a.out, "--repo", empty]);
    rows.push({ scenario: "first publish (empty repository)", history: "-", code: code.name, ...result, failed: code.failures.size > failedBefore });
    log(`first publish: ${code.name} ${result.ms.toFixed(0)} ms wall, ${result.cpuMs.toFixed(0)} ms CPU`);
  }
  run(versions[1], outputs.a.project, ["publish", "--out", outputs.a.out, "--repo", seed]);
  for (const count of [100, 1000]) {
    const sized = path.join(work, `releases-${count}.git`);
    fs.cpSync(seed, sized, { recursive: true });
    addReleases(sized, count);
    const remotes = versions.map((_, v) => {
      const remote = path.join(work, `releases-${count}-${v}.git`);
      fs.cpSync(sized, remote, { recursive: true });
      return remote;
    });
    log(`${count} earlier releases`);
    rows.push(...measureAll(versions, outputs, remotes, count));
  }
  return { outputs, versions, rows };
}

function table({ outputs, versions, rows }) {
  const cpu = os.cpus()[0]?.model ?? "unknown cpu";
  const keys = [...new Set(rows.map((r) => `${r.scenario}\t${r.history}`))];
  const cell = (key, code) => rows.find((r) => `${r.scenario}\t${r.history}` === key && r.code === code.name);
  const lines = keys.map((key) => {
    const [scenario, history] = key.split("\t");
    const [before, after] = versions.map((v) => cell(key, v));
    const failed = before.failed ? " (failed, see below)" : "";
    return `| ${scenario} | ${history} | ${before.ms.toFixed(0)}${failed} | ${after.ms.toFixed(0)} | ${(before.ms / after.ms).toFixed(1)}x | ${before.cpuMs.toFixed(0)} | ${after.cpuMs.toFixed(0)} |`;
  });
  const failures = versions.flatMap((v) => [...v.failures].map((f) => `- ${v.name}: ${f}`));
  return [
    `Machine: ${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}, ${execFileSync("git", ["--version"]).toString().trim()}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}${caCertsNote()}`,
    `Date: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC; repositories, caches and output in ${work} (disk); median of ${RUNS} runs (one-app change: of ${RUNS * 2}), the two versions taking turns; each run a whole \`cdktf-gitops ... --out <dir> -q\` process; CPU = user + system time of the process and the git processes it ran.`,
    `Synth of the ${APPS} apps (bench/apps-synth.ts, output on disk), median of ${SYNTH_RUNS}: ${outputs.synthMs.toFixed(0)} ms. A command's time with --out is what it adds to synth.`,
    "",
    `| command (1 environment, ${APPS} apps) | earlier releases | ${versions[0].name} wall ms | ${versions[1].name} wall ms | speed-up | before CPU ms | after CPU ms |`,
    "|---|---:|---:|---:|---:|---:|---:|",
    ...lines,
    ...(failures.length > 0 ? ["", "Failures (the time is until the command ended):", ...failures] : []),
  ].join("\n");
}

try {
  const text = table(main());
  console.log(text);
  if (args.includes("--record")) {
    const file = path.join(__dirname, "RESULTS.md");
    const marker = "\n## Release engine\n";
    const current = fs.readFileSync(file, "utf8");
    const head = current.includes(marker) ? current.slice(0, current.indexOf(marker)) : current.replace(/\n*$/, "\n");
    fs.writeFileSync(file, `${head}${marker}\nRecorded by \`npm run bench:release -- --record\`.\n\n${text}\n`);
  }
} finally {
  spawnSync("git", ["worktree", "remove", "--force", path.join(work, "base")], { cwd: ROOT });
  fs.rmSync(work, { recursive: true, force: true });
}
