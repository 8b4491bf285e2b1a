"use strict";
// V8 code cache for the CommonJS modules a synth or a CLI command loads (required by register.js).
//
// Why: a synth loads ~800 modules (the azurerm provider bindings alone are 7 MB of JavaScript), and parsing and
// compiling them took half of the reference platform's synth. Node 22 has `module.enableCompileCache()`; Node 20,
// which this project supports, does not, so this does the same with `vm.Script` code caches: each module's cache
// is written at exit (`createCachedData()` then also holds the functions compiled while the process ran), keyed
// by a hash of the file name, the source and the V8 version, so a changed file or another Node never reuses one.
// Anything it cannot compile as a CommonJS wrapper (an ES module loaded with require()), and any module that may
// call import() (a `vm.Script` needs an experimental loader option for that, which prints a warning), goes to
// Node unchanged.
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");
const vm = require("vm");

/** Turns the cache on, writing to `folder/v8-<version>-<arch>`; a no-op where Node has its own or when disabled. */
function enableCompileCache(folder) {
  if (process.env.CDKTF_GITOPS_COMPILE_CACHE === "0") return;
  if (typeof Module.enableCompileCache === "function") {
    Module.enableCompileCache(folder);
    return;
  }
  const cacheDir = path.join(folder, `v8-${process.versions.v8}-${process.arch}`);
  /** Scripts compiled without a usable cache entry: their caches are written at exit. */
  const pending = [];
  const nodeCompile = Module.prototype._compile;

  Module.prototype._compile = function compileWithCache(content, filename, format) {
    if (format === "module" || content.includes("import(")) return nodeCompile.call(this, content, filename, format);
    const source = content.startsWith("#!") ? content.replace(/^#!.*/, "") : content;
    const file = cacheFile(cacheDir, filename, source);
    const cachedData = readIfExists(file);
    let script;
    try {
      script = new vm.Script(Module.wrap(source), { filename, cachedData });
    } catch (error) {
      if (error instanceof SyntaxError) return nodeCompile.call(this, content, filename, format);
      throw error;
    }
    if (!cachedData || script.cachedDataRejected) pending.push({ script, file });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFunction(this), this, filename, path.dirname(filename));
  };

  process.once("exit", () => {
    if (pending.length === 0) return;
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      for (const { script, file } of pending) writeAtomically(file, script.createCachedData());
    } catch {
      // a cache that cannot be written (read-only, full, removed meanwhile) only costs speed, never the command
    }
  });
}

/** The `require` a module gets, as Node builds it (`makeRequireFunction`). */
function requireFunction(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/** The cache entry of a module: named after a hash of its file name and source. */
function cacheFile(cacheDir, filename, source) {
  return path.join(cacheDir, `${crypto.createHash("sha1").update(filename).update("\0").update(source).digest("hex")}.bin`);
}

function readIfExists(file) {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Parallel runs may write the same entry: each writes its own temporary file and renames it. */
function writeAtomically(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, data);
  fs.renameSync(temporary, file);
}

// the helpers are shared with jest's code cache (test/support/cached-runtime.js)
module.exports = { enableCompileCache, cacheFile, readIfExists, writeAtomically };
