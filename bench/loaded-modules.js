// Preloaded into one run of main.ts by bench/run.js: on exit, writes the files below node_modules that the
// process loaded, in the order it started loading them, one per line, to the file named by BENCH_MODULE_LIST.
const fs = require("fs");
const path = require("path");

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
process.on("exit", () => {
  const loaded = Object.keys(require.cache).filter((file) => file.includes(NODE_MODULES));
  fs.writeFileSync(process.env.BENCH_MODULE_LIST, `${loaded.join("\n")}\n`);
});
