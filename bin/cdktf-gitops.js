#!/usr/bin/env node
"use strict";
// cdktf-gitops: publish, promote, roll back and audit GitOps releases (see docs/release.md).
// From a source checkout (lib/cli/main.ts present, no dist/) it runs the TypeScript through ts-node
// (transpile-only, swc); from an installed package it loads the compiled dist/lib/cli/main.js.
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const compiled = path.join(root, "dist", "lib", "cli", "main.js");
const source = path.join(root, "lib", "cli", "main.ts");

let entry;
if (fs.existsSync(source)) {
  require("ts-node").register({ transpileOnly: true, swc: true, project: path.join(root, "tsconfig.json") });
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
