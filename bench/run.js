#!/usr/bin/env node
// Synth benchmarks. Each scenario runs as its own node process, the way `cdktf synth` runs main.ts
// (ts-node transpile-only with swc), several times; the median wall time and the highest peak memory count.
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
const TS_NODE = "ts-node/register/transpile-only";
const node = (args, loader = REGISTER) => [process.execPath, "-r", path.join(__dirname, "peak-memory.js"), "-r", loader, ...args];

// `floor` names the scenario each one is compared with: an empty cdktf app run with the same loader.
const scenarios = [
  { name: "floor: empty cdktf app", command: () => node(["bench/floor-app.ts"]) },
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
}

function measure(scenario) {
  const times = [];
  let peakKiB = 0;
  for (let run = 0; run < RUNS; run++) {
    const outdir = fs.mkdtempSync(path.join(OUTPUT_BASE, "cdktf-gitops-bench-"));
    const memoryFile = path.join(outdir, "..", `${path.basename(outdir)}.rss`);
    const [command, ...args] = scenario.command(outdir);
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, {
      cwd: ROOT,
      env: { ...process.env, CDKTF_OUTDIR: outdir, BENCH_MEMORY_FILE: memoryFile },
      encoding: "utf8",
    });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${scenario.name} failed:\n${result.stderr}`);
    times.push(elapsed);
    peakKiB = Math.max(peakKiB, Number(fs.readFileSync(memoryFile, "utf8")));
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(memoryFile, { force: true });
  }
  times.sort((a, b) => a - b);
  return { name: scenario.name, floor: scenario.floor, medianMs: times[Math.floor(times.length / 2)], peakMiB: peakKiB / 1024 };
}

const results = scenarios.map((scenario) => {
  process.stderr.write(`running ${scenario.name} (${RUNS} runs)...\n`);
  return measure(scenario);
});
const medianOf = new Map(results.map((r) => [r.name, r.medianMs]));
const rows = results.map(
  (r) => `| ${r.name} | ${r.medianMs.toFixed(0)} | ${r.floor ? `${(r.medianMs / medianOf.get(r.floor)).toFixed(2)}x` : "-"} | ${r.peakMiB.toFixed(0)} |`,
);
const cpu = os.cpus()[0]?.model ?? "unknown cpu";
const machine = `${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}${caCertsNote()}`;
const table = [
  `Machine: ${machine}`,
  `Date: ${new Date().toISOString().slice(0, 10)}; ${RUNS} runs per scenario, median wall time of the whole process (start-up included); output in ${OUTPUT_BASE}.`,
  "Loader: register.js (swc, compile cache warm) unless the scenario says ts-node; \"vs floor\" compares with the empty app run with the same loader.",
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
