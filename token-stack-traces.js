"use strict";
// cdktf captures a complete stack trace (every frame, `Error.stackTraceLimit` raised to the maximum) for every
// token it creates, only to say where a token came from should it ever be misused. In a synth of a thousand
// stacks that costs more than everything else together (10 frames each still cost a tenth of the synth of 1,000
// apps, and the traces stay in memory until it ends), and under jest, whose source-map support maps every
// frame of every capture, it took a tenth of `npm test`. This skips such captures (on plain objects, never on
// errors), as the AWS CDK CLI does unless --debug; CDKTF_GITOPS_TOKEN_TRACES=<frames> keeps that many, for an
// error that should say where a token was created. Used by register.js and by jest (jest.config.js `setupFiles`).

/** Frames a capture on a plain object keeps. */
const CAPTURED_FRAMES = Math.max(0, Number(process.env.CDKTF_GITOPS_TOKEN_TRACES) || 0);

/** Formats frames as Node does without source maps (what a capture on a plain object is given). */
const plainFrames = (target, frames) => [String(target), ...frames.map((frame) => `    at ${frame}`)].join("\n");

/**
 * Caps `Error.captureStackTrace` on plain objects to `CAPTURED_FRAMES` frames, formatted without source maps
 * (the stack is formatted here, while the plain formatter is in place: V8 formats it on first read); errors
 * keep their full, source-mapped traces.
 */
function limitTokenStackTraces(ErrorClass = Error) {
  const captureStackTrace = ErrorClass.captureStackTrace;
  ErrorClass.captureStackTrace = function captureFewFrames(target, below) {
    if (target instanceof Error) return captureStackTrace(target, below);
    if (CAPTURED_FRAMES === 0) return; // the target keeps the empty stack it was created with
    const limit = ErrorClass.stackTraceLimit;
    const prepare = ErrorClass.prepareStackTrace;
    ErrorClass.stackTraceLimit = Math.min(limit, CAPTURED_FRAMES);
    ErrorClass.prepareStackTrace = plainFrames;
    try {
      captureStackTrace(target, below);
      void target.stack;
    } finally {
      ErrorClass.stackTraceLimit = limit;
      ErrorClass.prepareStackTrace = prepare;
    }
  };
}

module.exports = { limitTokenStackTraces, CAPTURED_FRAMES };
