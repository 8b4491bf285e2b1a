"use strict";
// cdktf captures a complete stack trace (every frame, `Error.stackTraceLimit` raised to the maximum) for every
// token it creates, only to say where a token came from should it ever be misused. In a synth of a thousand
// stacks that costs more than everything else together, and under jest, whose source-map support maps every
// frame of every capture, it took a tenth of `npm test`. This keeps such captures (on plain objects, never on
// errors) to their first frames. Used by register.js and by jest (jest.config.js `setupFiles`).

/** Frames a capture on a plain object keeps. */
const CAPTURED_FRAMES = 10;

/** Caps `Error.captureStackTrace` on plain objects to `CAPTURED_FRAMES` frames (errors keep theirs). */
function limitTokenStackTraces(ErrorClass = Error) {
  const captureStackTrace = ErrorClass.captureStackTrace;
  ErrorClass.captureStackTrace = function captureFewFrames(target, below) {
    if (target instanceof Error || ErrorClass.stackTraceLimit <= CAPTURED_FRAMES) return captureStackTrace(target, below);
    const limit = ErrorClass.stackTraceLimit;
    ErrorClass.stackTraceLimit = CAPTURED_FRAMES;
    try {
      return captureStackTrace(target, below);
    } finally {
      ErrorClass.stackTraceLimit = limit;
    }
  };
}

module.exports = { limitTokenStackTraces, CAPTURED_FRAMES };
