"use strict";
// Preload for running a cdktf app written in TypeScript: `node -r cdktf-gitops/register main.ts`
// (here: `node -r ./register.js main.ts`). Compiles `.ts` files with swc, without type-checking (`tsc
// --noEmit` does that once, in `npm test`), and without loading the TypeScript compiler. Compiled files are
// cached in node_modules/.cache/cdktf-gitops of the installation (keyed by a hash of the source, the swc
// version and options), so a synth whose sources did not change does not load swc at all.
//
// Stack traces: errors get frames mapped back to the TypeScript source; cdktf's per-token captures keep their
// first frames, unmapped (token-stack-traces.js).
const crypto = require("crypto");
const fs = require("fs");
const { SourceMap } = require("module");
const path = require("path");

const SWC_OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022", keepClassNames: true },
  module: { type: "commonjs" },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

const SWC_VERSION = require("@swc/core/package.json").version;
/** `node_modules/.cache/cdktf-gitops` of the installation this file belongs to (never the working directory). */
const CACHE_DIR = (() => {
  const marker = `${path.sep}node_modules${path.sep}`;
  const installed = __dirname.lastIndexOf(marker);
  const nodeModules = installed >= 0 ? __dirname.slice(0, installed + marker.length - 1) : path.join(__dirname, "node_modules");
  return path.join(nodeModules, ".cache", "cdktf-gitops");
})();
const OPTIONS_KEY = JSON.stringify([SWC_VERSION, SWC_OPTIONS]);
// V8 code caches of every module loaded from here on (see compile-cache.js).
require("./compile-cache").enableCompileCache(CACHE_DIR);

/** Source maps of the compiled files, parsed only when an error needs one. */
const sourceMaps = new Map();
let swc;

/** Compiles with swc, or reads the result of an earlier run: `{ code, map }`. */
function compile(source, filename) {
  const key = crypto.createHash("sha256").update(OPTIONS_KEY).update(filename).update("\0").update(source).digest("hex");
  const cached = path.join(CACHE_DIR, `${key}.json`);
  if (fs.existsSync(cached)) return JSON.parse(fs.readFileSync(cached, "utf8"));
  swc = swc ?? require("@swc/core");
  const { code, map } = swc.transformSync(source, { ...SWC_OPTIONS, filename });
  writeCacheEntry(cached, JSON.stringify({ code, map }));
  return { code, map };
}

/** Writes atomically (parallel runs may write the same entry); a read-only cache folder only costs speed. */
function writeCacheEntry(file, text) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(CACHE_DIR, { recursive: true });
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch (error) {
    if (!["EACCES", "EPERM", "EROFS", "ENOSPC"].includes(error.code)) throw error;
  }
}

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const { code, map } = compile(fs.readFileSync(filename, "utf8"), filename);
  sourceMaps.set(filename, map);
  module._compile(code, filename);
};

function sourceMapOf(file) {
  const map = sourceMaps.get(file);
  if (typeof map !== "string") return map;
  const parsed = new SourceMap(JSON.parse(map));
  sourceMaps.set(file, parsed);
  return parsed;
}

function mappedFrame(frame) {
  const file = frame.getFileName();
  const entry = file ? sourceMapOf(file)?.findEntry(frame.getLineNumber() - 1, frame.getColumnNumber() - 1) : undefined;
  if (!entry || entry.originalLine === undefined) return `    at ${frame}`;
  const where = `${file}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  const name = frame.getFunctionName() ?? frame.getMethodName();
  return name ? `    at ${name} (${where})` : `    at ${where}`;
}

Error.prepareStackTrace = (error, frames) =>
  error instanceof Error
    ? [`${error.name}: ${error.message}`, ...frames.map(mappedFrame)].join("\n")
    : [String(error), ...frames.map((frame) => `    at ${frame}`)].join("\n");

require("./token-stack-traces").limitTokenStackTraces();

// A spec that fails validation is the user's input, not a crash: print the problem list (the error's message)
// once, without a stack trace, and exit 1. Any other uncaught error keeps Node's behaviour: its stack, exit 1.
process.on("uncaughtException", (error) => {
  const validation = error instanceof Error && error.name === "ValidationError";
  process.stderr.write(`${validation ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
