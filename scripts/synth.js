#!/usr/bin/env node
// `npm run synth`: runs the app of cdktf.json (main.ts through register.js) the way `cdktf synth` runs it but
// without the CLI's own start-up (about 1.9 s on the reference machine, five times the app). Like `cdktf synth`
// it empties the output folder first, so no file of an earlier synth (a removed app's manifests, say) is left to
// be published. `cdktf synth` keeps working; `npm run synth:cdktf` runs it.
//
// On a machine of four cores or fewer the app runs in a child with the V8 thread pool `cdktf-gitops synth` gives
// it (lib/release/synth-node-options.ts: a pool that leaves the main thread a core), which a running process
// cannot change; elsewhere, and in that child, it runs in this process.
"use strict";
const { spawnSync } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");
require(path.join(root, "register.js"));
const { synthNodeOptions } = require(path.join(root, "lib", "release", "synth-node-options"));
const nodeOptions = synthNodeOptions(process.env.NODE_OPTIONS);
if (nodeOptions !== process.env.NODE_OPTIONS) {
  const child = spawnSync(process.execPath, [__filename], { stdio: "inherit", env: { ...process.env, NODE_OPTIONS: nodeOptions } });
  if (child.error) throw child.error;
  process.exit(child.status ?? 128 + (os.constants.signals[child.signal] ?? 0));
}
const outdir = path.resolve(root, process.env.CDKTF_OUTDIR || "cdktf.out");
fs.rmSync(outdir, { recursive: true, force: true });
process.env.CDKTF_OUTDIR = outdir;
process.chdir(root);
require(path.join(root, "main.ts"));
