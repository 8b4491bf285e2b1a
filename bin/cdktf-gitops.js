#!/usr/bin/env node
"use strict";
// cdktf-gitops: publish, promote, roll back and audit GitOps releases (see the README).
// From a source checkout (lib/cli/main.ts present) it runs the TypeScript through register.js (swc, no
// type-checking); from an installed package it loads the compiled dist/lib/cli/main.js.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");

// Output piped into a command that stops reading (`cdktf-gitops history | head`) ends quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const compiled = path.join(root, "dist", "lib", "cli", "main.js");
const source = path.join(root, "lib", "cli", "main.ts");

let entry;
if (fs.existsSync(source)) {
  require(path.join(root, "register.js"));
  entry = source;
} else {
  entry = compiled;
}

require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    process.stderr.write(`error: unexpected error: ${(error && error.stack) || error}\n`);
    process.exitCode = 5;
  });
