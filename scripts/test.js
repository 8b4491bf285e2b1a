#!/usr/bin/env node
// `npm test`: type-checks (tsc) and runs jest at the same time, and fails when either fails. The two
// are independent (jest compiles with swc, without type-checking), and jest's release and CLI suites spend much
// of their time waiting for git and node child processes, so running them side by side saves the whole tsc
// time on a 2-core machine. The type-check also emits the declarations, so that the check that they import
// provider classes by deep path only (scripts/check-declarations.js) needs no second compilation. Arguments go
// to jest (`npm test -- test/release`).
"use strict";
const { spawn } = require("child_process");
const path = require("path");
const { declarationProblems } = require("./check-declarations");

const root = path.join(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
/** Kept between runs: tsc's incremental build info (tsconfig.json) tracks what it emitted there. */
const DECLARATIONS = path.join(root, "node_modules", ".cache", "cdktf-gitops-declarations");

function run(command, args, capture) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (capture) {
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
    }
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

(async () => {
  // tsc's output is held back and printed after jest's, so the two do not interleave
  const typeCheck = run(bin("tsc"), ["--emitDeclarationOnly", "--outDir", DECLARATIONS], true).then((tsc) => {
    if (tsc.code !== 0) return { code: tsc.code, output: `tsc failed:\n${tsc.output}` };
    const problems = declarationProblems(DECLARATIONS);
    return { code: problems.length > 0 ? 1 : 0, output: `published declarations:\n${problems.join("\n")}\n` };
  });
  const [tsc, jest] = await Promise.all([typeCheck, run(bin("jest"), process.argv.slice(2), false)]);
  if (tsc.code !== 0) process.stderr.write(`\n${tsc.output}`);
  process.exitCode = tsc.code !== 0 ? tsc.code : jest.code;
})();
