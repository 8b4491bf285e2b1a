#!/usr/bin/env node
// `npm run synth`: runs the app of cdktf.json (main.ts through register.js) in this process, the way
// `cdktf synth` runs it but without the CLI's own start-up (about 1.9 s on the reference machine, five times
// the app). Like `cdktf synth` it empties the output folder first, so no file of an earlier synth (a removed
// app's manifests, say) is left to be published. `cdktf synth` keeps working; `npm run synth:cdktf` runs it.
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const outdir = path.resolve(root, process.env.CDKTF_OUTDIR || "cdktf.out");
fs.rmSync(outdir, { recursive: true, force: true });
process.env.CDKTF_OUTDIR = outdir;
process.chdir(root);
require(path.join(root, "register.js"));
require(path.join(root, "main.ts"));
