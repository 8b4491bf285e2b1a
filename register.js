"use strict";
// Preload for running a cdktf app written in TypeScript: `node -r cdktf-gitops/register main.ts`
// (here: `node -r ./register.js main.ts`). Runs TypeScript through ts-node without type-checking (swc).
//
// cdktf captures a complete stack trace (every frame, source-mapped) for every token it creates, only to
// say where a token came from if it is ever misused. In a synth of a thousand stacks that costs more than
// everything else together. Here those captures (on plain objects, not errors) keep their first frames,
// unmapped; real errors keep full, source-mapped stack traces.
require("ts-node").register({ transpileOnly: true, swc: true });

const CAPTURED_FRAMES = 10;
const sourceMapped = Error.prepareStackTrace;
Error.prepareStackTrace = (error, frames) =>
  error instanceof Error && sourceMapped ? sourceMapped(error, frames) : [String(error), ...frames.map((frame) => `    at ${frame}`)].join("\n");

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
