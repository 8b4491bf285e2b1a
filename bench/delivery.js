#!/usr/bin/env node
// Pipeline generation benchmark: the reference platform's three environments with 1,000 apps each, synthesized
// with and without delivery settings (the delivery stack and the generated pipelines), each as its own node
// process like `cdktf synth`; plus the generation alone, timed inside the process. Target: generating the
// pipelines adds under 10% to synth.
//   node bench/delivery.js             print the results
//   node bench/delivery.js --record    also append them to bench/RESULTS.md
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const ROOT = path.resolve(__dirname, "..");
const OUTPUT_BASE = process.env.BENCH_OUTDIR ?? (fs.existsSync("/dev/shm") ? "/dev/shm" : os.tmpdir());
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const APPS = Number(process.env.BENCH_APPS ?? 1000);

function run(withDelivery) {
  const outdir = fs.mkdtempSync(path.join(OUTPUT_BASE, "cdktf-gitops-bench-"));
  const side = (suffix) => path.join(path.dirname(outdir), `${path.basename(outdir)}.${suffix}`);
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["-r", path.join(__dirname, "cpu-time.js"), "-r", path.join(__dirname, "peak-memory.js"), "-r", path.join(ROOT, "register.js"), "bench/delivery-synth.ts", String(APPS), withDelivery ? "1" : "0", outdir], {
    cwd: ROOT,
    env: { ...process.env, BENCH_CPU_FILE: side("cpu"), BENCH_MEMORY_FILE: side("rss") },
    encoding: "utf8",
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`synth failed:\n${result.stderr}`);
  const read = (suffix) => (fs.existsSync(side(suffix)) ? Number(fs.readFileSync(side(suffix), "utf8")) : undefined);
  const measured = { wallMs, cpuMs: read("cpu"), peakMiB: read("rss") / 1024, pipelinesMs: read("pipelines-ms") };
  for (const suffix of ["cpu", "rss", "pipelines-ms"]) fs.rmSync(side(suffix), { force: true });
  fs.rmSync(outdir, { recursive: true, force: true });
  return measured;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const results = {};
for (const withDelivery of [false, true]) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    process.stderr.write(`3 environments x ${APPS} apps, ${withDelivery ? "with" : "without"} delivery: run ${i + 1} of ${RUNS}\n`);
    runs.push(run(withDelivery));
  }
  results[withDelivery ? "with" : "without"] = { wallMs: median(runs.map((r) => r.wallMs)), cpuMs: median(runs.map((r) => r.cpuMs)), peakMiB: Math.max(...runs.map((r) => r.peakMiB)), pipelinesMs: withDelivery ? median(runs.map((r) => r.pipelinesMs)) : undefined };
}
const { with: on, without: off } = results;
const cpu = os.cpus()[0]?.model ?? "unknown cpu";
const machine = `${os.cpus().length} x ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, node ${process.version}`;
const pct = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;
const table = [
  `### Pipeline generation (bench/delivery.js)`,
  "",
  `Machine: ${machine}`,
  `Date: ${new Date().toISOString().slice(0, 10)}; ${RUNS} runs per scenario (medians); 3 environments x ${APPS} apps; output in ${OUTPUT_BASE}. CPU time is user + system of the synth process (the machine is shared, so wall time is noisy).`,
  "",
  "| scenario | wall ms | cpu ms | peak MiB |",
  "|---|---:|---:|---:|",
  `| without delivery | ${off.wallMs.toFixed(0)} | ${off.cpuMs.toFixed(0)} | ${off.peakMiB.toFixed(0)} |`,
  `| with delivery (delivery stack + pipelines) | ${on.wallMs.toFixed(0)} | ${on.cpuMs.toFixed(0)} | ${on.peakMiB.toFixed(0)} |`,
  "",
  `Generating the pipelines alone: ${on.pipelinesMs.toFixed(0)} ms, ${pct(on.pipelinesMs, off.cpuMs)} of the synth's CPU time (target: under 10%). Delivery stack and pipelines together: ${pct(on.cpuMs - on.pipelinesMs - off.cpuMs, off.cpuMs)} more CPU time (the benchmark's own second generation, made to time it, taken off).`,
].join("\n");
console.log(table);
if (process.argv.includes("--record")) fs.appendFileSync(path.join(__dirname, "RESULTS.md"), `\n${table}\n`);
