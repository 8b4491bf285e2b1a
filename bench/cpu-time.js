// Preloaded into benchmarked processes: reports the CPU time (user + system, ms) on exit to the file named by
// BENCH_CPU_FILE. On a shared machine CPU time varies much less than wall time.
const fs = require("fs");
process.on("exit", () => {
  if (!process.env.BENCH_CPU_FILE) return;
  const usage = process.cpuUsage();
  fs.writeFileSync(process.env.BENCH_CPU_FILE, String((usage.user + usage.system) / 1000));
});
