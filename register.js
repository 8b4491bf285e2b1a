"use strict";
// Preload for running a cdktf app written in TypeScript: `node -r cdktf-gitops/register main.ts`
// (here: `node -r ./register.js main.ts`). Compiles `.ts` files with swc, without type-checking (`tsc
// --noEmit` does that once, in `npm test`), and without loading the TypeScript compiler.
//
// Stack traces: errors get frames mapped back to the TypeScript source. cdktf also captures a complete stack
// trace for every token it creates, only to say where a token came from should it ever be misused; in a
// synth of a thousand stacks that costs more than everything else together. Those captures (on plain
// objects, not errors) keep their first frames, unmapped.
const fs = require("fs");
const { SourceMap } = require("module");
const swc = require("@swc/core");

const SWC_OPTIONS = {
  jsc: { parser: { syntax: "typescript" }, target: "es2022", keepClassNames: true },
  module: { type: "commonjs" },
  sourceMaps: true,
  swcrc: false,
  configFile: false,
};

/** Source maps of the compiled files, parsed only when an error needs one. */
const sourceMaps = new Map();

require.extensions[".ts"] = function compileTypeScript(module, filename) {
  const { code, map } = swc.transformSync(fs.readFileSync(filename, "utf8"), { ...SWC_OPTIONS, filename });
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

const CAPTURED_FRAMES = 10;

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

const captureStackTrace = Error.captureStackTrace;
Error.captureStackTrace = function captureFewFrames(target, below) {
  if (target instanceof Error || Error.stackTraceLimit <= CAPTURED_FRAMES) return captureStackTrace(target, below);
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = CAPTURED_FRAMES;
  try {
    return captureStackTrace(target, below);
  } finally {
    Error.stackTraceLimit = limit;
  }
};
