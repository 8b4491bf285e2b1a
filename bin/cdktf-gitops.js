#!/usr/bin/env node
"use strict";
// cdktf-gitops: publish, promote, roll back and audit GitOps releases (see the README).
// From a source checkout (lib/cli/main.ts present) it runs the TypeScript through register.js (swc, no
// type-checking); from an installed package it loads the compiled dist/lib/cli/main.js.
const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const root = path.join(__dirname, "..");

// Output piped into a command that stops reading (`cdktf-gitops history | head`) ends quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
// Every temporary folder of this run (clones of the GitOps repository, synthesized output, temporary files of git
// and of the app) is created in one run folder. The command removes its folders itself on success and on errors;
// a signal (Ctrl-C, a cancelled CI job, kill -9) ends the process before it can, so a small detached watcher
// removes the run folder as soon as this process is gone, however it ended: its stdin closes with us, and with
// the processes that hold it too (see below).
let runDir;
try {
  runDir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-gitops-run-"));
} catch (error) {
  process.stderr.write(`error: could not create a temporary folder in ${os.tmpdir()} (${error.message}); set TMPDIR to a writable folder\n`);
  process.exit(5);
}
// The watcher is a shell (starting Node would cost the command 60 ms of CPU on a second core); where there is
// no POSIX shell, Node.
// (It reads to the end, not a line: the apps the command runs hold the pipe too, and may write to it.)
const SHELL_WATCHER = ["sh", ["-c", 'while read -r _; do :; done; rm -rf "$1"', "watcher", runDir]];
const NODE_WATCHER = [process.execPath, ["-e", 'const d = process.argv[1]; const rm = () => require("fs").rmSync(d, { recursive: true, force: true }); process.stdin.on("end", rm).on("error", rm).resume();', runDir]];
/** The watcher's stdin: the apps the command runs under its watchdog hold it open too (see below). */
let watcherInput;
function startWatcher([command, args], fallback) {
  const watcher = spawn(command, args, { detached: true, stdio: ["pipe", "ignore", "ignore"] });
  watcherInput = watcher.stdin;
  watcher.on("error", (error) => {
    if (error.code === "ENOENT" && fallback) startWatcher(fallback);
    else process.stderr.write(`warning: temporary files of an interrupted run may stay in ${runDir} (${error.message})\n`);
  });
  watcher.unref();
  watcher.stdin.on("error", () => undefined); // the watcher ending first is not an error of the command
  watcher.stdin.unref();
}
startWatcher(SHELL_WATCHER, NODE_WATCHER);
process.on("exit", () => fs.rmSync(runDir, { recursive: true, force: true }));
process.env.TMPDIR = process.env.TMP = process.env.TEMP = runDir;

const fromSource = fs.existsSync(path.join(root, "lib", "cli", "main.ts"));
if (fromSource) require(path.join(root, "register.js"));
const load = (module) => require(fromSource ? path.join(root, "lib", `${module}.ts`) : path.join(root, "dist", "lib", `${module}.js`));

// The app a command synthesizes with inherits the watcher's pipe, so the pipe closes, and the watcher removes
// the run folder, only once the command, the app and what the app started are gone: a killed command's app is
// killed by its watchdog a few milliseconds after the command, and must not write into a run folder that was
// already removed. (`_handle.fd`: the pipe's descriptor on POSIX systems, -1 on Windows.)
load("release/guarded-process").passToGuardedApps(() => watcherInput?._handle?.fd);

load("cli/main")
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  })
  .catch((error) => {
    process.stderr.write(`error: unexpected error: ${(error && error.stack) || error}\n`);
    process.exitCode = 5;
  });
