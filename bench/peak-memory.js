// Preloaded into benchmarked processes: reports peak resident memory (KiB) on exit to the file named by
// BENCH_MEMORY_FILE.
const fs = require("fs");
process.on("exit", () => {
  if (process.env.BENCH_MEMORY_FILE) fs.writeFileSync(process.env.BENCH_MEMORY_FILE, String(process.resourceUsage().maxRSS));
});
