#!/usr/bin/env node
// `npm run lock:complete`: run after `npm install` changes package-lock.json on a machine whose registry
// mirror serves only this platform's native packages (Linux here). npm then leaves the other platforms'
// optional binaries (@swc/core-darwin-arm64, @unrs/resolver-binding-win32-x64-msvc, ...) out of the lockfile,
// and `npm ci` refuses the file as out of sync. This adds each missing optional platform package back as a
// lockfile entry with its version, os and cpu (read from its name), which `npm ci` skips on other platforms.
"use strict";
const fs = require("fs");
const path = require("path");

const file = path.join(__dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const PLATFORM = /-(android|darwin|freebsd|linux|openharmony|win32|wasm32)-([a-z0-9]+)(?:-([a-z]+))?$/;

const added = [];
for (const [location, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location}/node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[hoisted]) continue;
    const match = PLATFORM.exec(name);
    if (!match) throw new Error(`${name}@${version} (optional dependency of ${location || "the project"}) is missing and is not a platform binary; run npm install on a machine that can fetch it`);
    const [, os, cpu, libc] = match;
    const stub = { version, cpu: [cpu], optional: true, os: [os] };
    if (libc === "gnu" || libc === "musl") stub.libc = [libc === "gnu" ? "glibc" : "musl"];
    lock.packages[hoisted] = stub;
    added.push(`${name}@${version}`);
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `added ${added.length} platform package(s): ${added.join(", ")}` : "lockfile complete");
