#!/usr/bin/env node
// Synth benchmarks. Each scenario runs as its own node process, the way `cdktf synth` runs main.ts
// (ts-node transpile-only with swc), several times, the scenarios taking turns; the median wall time and the
// highest peak memory count.
//   npm run bench               print the results
//   npm run bench -- --record   also write them to bench/RESULTS.md
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");
const { caCertsNote } = require("./ca-certs-note");

const ROOT = path.resolve(__dirname, "..");
// Output goes to tmpfs when there is one, so the numbers measure synthesis rather than the disk (on this
// project's VMs, writing thousands of small files to disk varies 3x from run to run); BENCH_OUTDIR overrides.
const OUTPUT_BASE = process.env.BENCH_OUTDIR ?? (fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir());
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const REGISTER = path.join(ROOT, "register.js");
require(REGISTER);
const { synthNodeOptions } = require("../lib/release/synth-node-options");
// Every scenario runs with the NODE_OPTIONS `cdktf-gitops synth` and `npm run synth` give an app on this machine.
const NODE_OPTIONS = synthNodeOptions(process.env.NODE_OPTIONS);
const TS_NODE = "ts-node/register/transpile-only";
const node = (args, loader = REGISTER) => [process.execPath, "-r", path.join(__dirname, "peak-memory.js"), "-r", loader, ...args];

/** The third-party modules one synth of the reference platform loads, listed by bench/loaded-modules.js. */
function referenceDependencies() {
  const listFile = path.join(fs.mkdtempSync(path.join(OUTPUT_BASE, "cdktf-gitops-bench-modules-")), "modules.txt");
  const outdir = path.join(path.dirname(listFile), "out");
  const result = spawnSync(process.execPath, ["-r", path.join(__dirname, "loaded-modules.js"), "-r", REGISTER, "main.ts"], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, BENCH_MODULE_LIST: listFile },
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`listing the reference platform's modules failed:\n${result.stderr}`);
  fs.rmSync(outdir, { recursive: true, force: true });
  return listFile;
}
const dependencyList = referenceDependencies();

// `floor` names the scenario each one is compared with: an empty cdktf app run with the same loader.
const scenarios = [
  { name: "floor: empty cdktf app", command: () => node(["bench/floor-app.ts"]) },
  { name: "empty app + the reference platform's dependencies", command: () => node(["bench/dependencies-app.ts", dependencyList]), floor: "floor: empty cdktf app" },
  { name: "reference platform (main.ts)", command: () => node(["main.ts"]), floor: "floor: empty cdktf app" },
  { name: "floor, ts-node loader: empty cdktf app", command: () => node(["bench/floor-app.ts"], TS_NODE) },
  { name: "reference platform, ts-node loader", command: () => node(["main.ts"], TS_NODE), floor: "floor, ts-node loader: empty cdktf app" },
];
if (fs.existsSync(path.join(__dirname, "apps-synth.ts"))) {
  for (const count of [10, 100, 1000]) {
    scenarios.push({
      name: `1 environment, ${count} apps`,
      command: (outdir) => node(["bench/apps-synth.ts", String(count), outdir]),
      floor: "floor: empty cdktf app",
    });
  }
  if (NODE_OPTIONS !== process.env.NODE_OPTIONS) {
    scenarios.push({
      name: "1 environment, 1000 apps, Node's default V8 thread pool",
      command: (outdir) => node(["bench/apps-synth.ts", "1000", outdir]),
      nodeOptions: process.env.NODE_OPTIONS,
      floor: "floor: empty cdktf app",
    });
  }
}

/** One run of a scenario: its wall time (ms) and peak resident memory (KiB). */
function runOnce(scenario) {
  const outdir = fs.mkdtempSync(path.join(OUTPUT_BASE, "cdktf-gitops-bench-"));
  const memoryFile = path.join(outdir, "..", `${path.basename(outdir)}.rss`);
  const [command, ...args] = scenario.command(outdir);
  const start = process.hrtime.bigint();
  const result = spawnSync(command, args, {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: outdir, BENCH_MEMORY_FILE: memoryFile, NODE_OPTIONS: ("nodeOptions" in scenario ? scenario.nodeOptions : NODE_OPTIONS) ?? "" },
    encoding: "utf8",
  });
  const elapsedMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${scenario.name} failed:\n${result.stderr}`);
  const peakKiB = Number(fs.readFileSync(memoryFile, "utf8"));
  fs.rmSync(outdir, { recursive: true, force: true });
  fs.rmSync(memoryFile, { force: true });
  return { elapsedMs, peakKiB };
}

// The scenarios take turns, one run each per round, so that a change in the host's speed (this project's VMs
// change by half within minutes) reaches every scenario alike and the ratios to the floor hold.
const runs = scenarios.map(() => []);
try {
  for (let round = 0; round < RUNS; round++) {
    process.stderr.write(`round ${round + 1} of ${RUNS}...\n`);
    scenarios.forEach((scenario, i) => runs[i].push(runOnce(scenario)));
  }
} finally {
  fs.rmSync(path.dirname(dependencyList), { recursive: true, force: true });
}
const results = scenarios.map((scenario, i) => {
  const times = runs[i].map((r) => r.elapsedMs).sort((a, b) => a - b);
  const peakKiB = Math.max(...runs[i].map((r) => r.peakKiB));
  return { name: scenario.name, floor: scenario.floor, medianMs: times[Math.floor(times.length / 2)], peakMiB: peakKiB / 1024 };
});
const medianOf = new Map(results.map((r) => [r.name, r.medianMs]));
const rows = results.map(
  (r) => `| ${r.name} | ${r.medianMs.toFixed(0)} | ${r.floor ? `${(r.medianMs / medianOf.get(r.floor)).toFixed(2)}x` : "-"} | ${r.peakMiB.toFixed(0)} |`,
);
const cpu = os.cpus()[0]?.model ?? "unknown cpu";
const machine = `${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}${caCertsNote()}`;
const table = [
  `Machine: ${machine}`,
  `Date: ${new Date().toISOString().slice(0, 10)}; ${RUNS} runs per scenario, the scenarios taking turns; median wall time of the whole process (start-up included); output in ${OUTPUT_BASE}.`,
  "Loader: register.js (swc, compile cache warm) unless the scenario says ts-node; \"vs floor\" compares with the empty app run with the same loader.",
  `NODE_OPTIONS: ${NODE_OPTIONS ? `\`${NODE_OPTIONS}\`` : "none"} (what \`cdktf-gitops synth\` and \`npm run synth\` give the app on this machine: lib/release/synth-node-options.ts) unless the scenario says otherwise.`,
  "",
  "| scenario | median ms | vs floor | peak MiB |",
  "|---|---:|---:|---:|",
  ...rows,
].join("\n");
console.log(table);

if (process.argv.includes("--record")) {
  // replaces the "## Synth" section's table (up to its first sub-section) and leaves the rest of the file alone
  const file = path.join(__dirname, "RESULTS.md");
  const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "# Benchmark results\n";
  const start = current.indexOf("\n## Synth\n");
  const rest = start < 0 ? "" : current.slice(start + 1).replace(/^## Synth\n[\s\S]*?(?=\n##+ |$)/, "");
  const section = `## Synth\n\nRecorded from \`npm run bench -- --record\`.\n\n${table}\n`;
  fs.writeFileSync(file, `${(start < 0 ? current : current.slice(0, start + 1)).replace(/\n*$/, "\n\n")}${section}${rest}`);
}
