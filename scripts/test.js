#!/usr/bin/env node
// `npm test`: type-checks (tsc) and runs jest at the same time, and fails when either fails. The two
// are independent (jest compiles with swc, without type-checking). The type-check also emits the declarations,
// so that the check that they import provider classes by deep path only (scripts/check-declarations.js) needs no
// second compilation.
//
// The suites run as two jest processes, one after the other: the release and CLI suites, which spend their
// time in git and node child processes, then the rest, which synthesize platforms. Mixed in one jest, the
// workers that synthesized (cdktf and the providers loaded, hundreds of megabytes) also ran the release suites'
// thousands of git processes, and a warm run took a quarter longer (81 s against 63 s on 2 cores). Side by side,
// the two groups fought over the 2 cores: measured alternately on 2026-12-02, warm 57.7 s side by side against
// 49.6 s one after the other, cold 70.0 / 80.1 / 73.7 s against 60.6 / 79.6 / 67.0 s. Arguments
// (`npm test -- test/release`) run one jest with them.
//
// Jest and every process it starts run without NODE_EXTRA_CA_CERTS: Node 20 reads and parses every certificate
// of that bundle when a process starts, before any of its code runs (60-120 ms for a 144-certificate bundle,
// measured with `node -e 0`), and the process suites start thousands of processes, about 30 of them node (the
// CLI run as a process; the stand-ins for a cdktf app and for terraform are shell scripts). No test makes a TLS
// connection. On a machine that sets it (CI runners behind a proxy do), the process suites took 40-47 s with it
// and 30-32 s without (warm, 2 cores, 2026-12-02).
"use strict";
const { spawn } = require("child_process");
const os = require("os");
const path = require("path");
const { declarationProblems } = require("./check-declarations");

const root = path.join(__dirname, "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);
/** Kept between runs: tsc's incremental build info (tsconfig.json) tracks what it emitted there. */
const DECLARATIONS = path.join(root, "node_modules", ".cache", "cdktf-gitops-declarations");
/** The suites that run child processes (git, the CLI, the release tests' stand-in app) rather than synths. */
const PROCESS_SUITES = ["/test/release/", "/test/cli/"];

/** The environment of jest and tsc: this process's, without NODE_EXTRA_CA_CERTS (see above). */
const testEnv = { ...process.env };
delete testEnv.NODE_EXTRA_CA_CERTS;

function run(command, args, capture) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env: testEnv, stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    if (capture) {
      child.stdout.on("data", (d) => (output += d));
      child.stderr.on("data", (d) => (output += d));
    }
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

/** Both jest processes, one after the other (the second runs whether or not the first passed). */
async function jestGroups() {
  const cores = os.cpus().length;
  const processes = await run(bin("jest"), [`--maxWorkers=${cores + 1}`, ...PROCESS_SUITES.map((s) => s.replace(/^\/|\/$/g, ""))], false);
  const synths = await run(bin("jest"), [`--maxWorkers=${cores}`, "--testPathIgnorePatterns", ...PROCESS_SUITES], false);
  return { code: processes.code !== 0 ? processes.code : synths.code };
}

(async () => {
  // tsc's output is held back and printed after jest's, so the two do not interleave
  const typeCheck = run(bin("tsc"), ["--emitDeclarationOnly", "--outDir", DECLARATIONS], true).then((tsc) => {
    if (tsc.code !== 0) return { code: tsc.code, output: `tsc failed:\n${tsc.output}` };
    const problems = declarationProblems(DECLARATIONS);
    return { code: problems.length > 0 ? 1 : 0, output: `published declarations:\n${problems.join("\n")}\n` };
  });
  const args = process.argv.slice(2);
  const [tsc, jest] = await Promise.all([typeCheck, args.length > 0 ? run(bin("jest"), args, false) : jestGroups()]);
  if (tsc.code !== 0) process.stderr.write(`\n${tsc.output}`);
  process.exitCode = tsc.code !== 0 ? tsc.code : jest.code;
})();
