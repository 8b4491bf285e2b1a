#!/usr/bin/env node
// `npm run synth`: runs the app of cdktf.json (main.ts through register.js) the way `cdktf synth` runs it but
// without the CLI's own start-up (about 1.9 s on the reference machine, five times the app). Like `cdktf synth`
// it empties the output folder first, so no file of an earlier synth (a removed app's manifests, say) is left to
// be published. `cdktf synth` keeps working; `npm run synth:cdktf` runs it.
//
// On a machine of four cores or fewer the app runs in a child with the V8 thread pool `cdktf-gitops synth` gives
// it (lib/release/synth-node-options.ts: a pool that leaves the main thread a core), which a running process
// cannot change; elsewhere, in that child and under a debugger, it runs in this process. The child gets this
// process's node options and arguments, and the signals sent to this process; this process ends as the child did.
"use strict";
const { spawn } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
/** Signals passed on to the child: npm, `timeout` and CI runners send them to this process only. */
const FORWARDED = ["SIGINT", "SIGTERM", "SIGHUP"];
require(path.join(root, "register.js"));
const { synthNodeOptions } = require(path.join(root, "lib", "release", "synth-node-options"));
const nodeOptions = synthNodeOptions(process.env.NODE_OPTIONS);
// with a debugger attached (--inspect), the app runs here: a child could not open the inspector's port again
if (nodeOptions === process.env.NODE_OPTIONS || (process.features.inspector && require("inspector").url() !== undefined)) synthesizeHere();
else runInChild(nodeOptions);

function synthesizeHere() {
  const outdir = path.resolve(root, process.env.CDKTF_OUTDIR || "cdktf.out");
  fs.rmSync(outdir, { recursive: true, force: true });
  process.env.CDKTF_OUTDIR = outdir;
  process.chdir(root);
  require(path.join(root, "main.ts"));
}

function runInChild(options) {
  // the handlers first: a signal that arrives while the child starts is passed on once `child` is set (a
  // handler runs only after this function returns)
  let child;
  const forward = (signal) => child.kill(signal);
  for (const signal of FORWARDED) process.on(signal, forward);
  child = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], { stdio: "inherit", env: { ...process.env, NODE_OPTIONS: options } });
  child.on("error", (error) => {
    throw error;
  });
  child.on("exit", (code, signal) => {
    for (const s of FORWARDED) process.off(s, forward);
    // killed by a signal: end by the same one, so that the caller sees how the synth ended
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}
