// jest `runtime`: jest's own, with V8 code caches for the modules it compiles. Every test file loads the
// library (and with it cdktf and the azurerm bindings, 7 MB of JavaScript) into a fresh module registry, and
// jest compiles each module again each time: a tenth of `npm test`'s CPU time. With a code cache V8 skips
// parsing a module it has seen and compiles only the functions that run. Caches are keyed by a hash of the
// file name, the code and V8's version, in node_modules/.cache/jest-code-cache; a rejected one is compiled
// as usual. The compile below is jest-runtime 30's own (its ModuleExecutor's) with the two cache options added.
// A worker runs many test files, each loading the same modules again: the cache entries it has read are kept
// by file name and source, so it hashes and reads each module's entry once (hashing 14 MB of source and
// reading 1,000 entries took 55 ms of every test file that loads the library, of 350 ms in all).
// With shared-realm-environment.js, the test files of a worker also share the modules below node_modules, each
// loaded and run once per worker (SharingModuleRegistry below); the project's own modules stay per file.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");
const Runtime = require("jest-runtime").default;
const { cacheFile: cacheFileOf, readIfExists, writeAtomically } = require("../../compile-cache");

const CACHE_DIR = path.join(__dirname, "..", "..", "node_modules", ".cache", "jest-code-cache", `v8-${process.versions.v8}`);
fs.mkdirSync(CACHE_DIR, { recursive: true });

/** The cache entries this worker has read or written: file name -> `{ source, cacheFile, cachedData }`. */
const entries = new Map();

/** The cache entry of a module's source: the worker's copy when the source is the same, else from disk. */
function entryOf(filename, source) {
  const known = entries.get(filename);
  if (known !== undefined && known.source === source) return known;
  const cacheFile = cacheFileOf(CACHE_DIR, filename, source);
  const entry = { source, cacheFile, cachedData: readIfExists(cacheFile) };
  entries.set(filename, entry);
  return entry;
}

/** jest-runtime 30's `ModuleExecutor.compile`, with the cache options added. */
function compileWithCache(executor, scriptSource, filename) {
  const vmContext = executor.environment.getVmContext();
  if (vmContext == null) return null;
  const entry = entryOf(filename, scriptSource);
  const cachedData = entry.cachedData;
  const scriptFilename = executor.resolution.isCoreModule(filename) ? `jest-nodejs-core-${filename}` : filename;
  let compiled;
  try {
    compiled = vm.compileFunction(scriptSource, executor.injectedModuleParameters, {
      filename: scriptFilename,
      importModuleDynamically: (specifier, _function, importAttributes, ...rest) => executor.dynamicImport(specifier, scriptFilename, vmContext, importAttributes, rest[0]),
      parsingContext: vmContext,
      cachedData,
      produceCachedData: cachedData === undefined,
    });
  } catch {
    return undefined; // jest's own compile reports syntax errors (and ES module code) its way
  }
  if (compiled.cachedDataRejected) entry.cachedData = undefined;
  if (compiled.cachedDataProduced) {
    writeAtomically(entry.cacheFile, compiled.cachedData);
    entry.cachedData = compiled.cachedData;
  }
  return compiled;
}

/** The modules below node_modules the worker's test files share (shared-realm-environment.js): path -> module. */
const sharedModules = new Map();
const NODE_MODULES = `${path.sep}node_modules${path.sep}`;
const isShared = (modulePath) => typeof modulePath === "string" && modulePath.includes(NODE_MODULES);

/**
 * A test file's registry of CommonJS modules (jest-runtime 30 keeps it in `registries.moduleRegistry`) whose
 * node_modules entries are the worker's: the first file that requires such a module loads it for all. Clearing
 * it (a file's teardown, `jest.resetModules()`) clears the file's own modules only.
 */
class SharingModuleRegistry extends Map {
  constructor(runtime) {
    super();
    this.runtime = runtime;
  }
  get(modulePath) {
    return isShared(modulePath) ? sharedModules.get(modulePath) : super.get(modulePath);
  }
  has(modulePath) {
    return isShared(modulePath) ? sharedModules.has(modulePath) : super.has(modulePath);
  }
  set(modulePath, module) {
    if (!isShared(modulePath)) return super.set(modulePath, module);
    this.runtime.loadedSharedModules = true;
    sharedModules.set(modulePath, module);
    return this;
  }
  delete(modulePath) {
    return isShared(modulePath) ? sharedModules.delete(modulePath) : super.delete(modulePath);
  }
}

class CachedRuntime extends Runtime {
  constructor(...args) {
    super(...args);
    const executor = this.executor;
    const jestCompile = executor.compile.bind(executor);
    executor.compile = (scriptSource, filename) => compileWithCache(executor, scriptSource, filename) ?? jestCompile(scriptSource, filename);
    const environment = args[1];
    if (environment.sharesModules === true) this.registries.moduleRegistry = new SharingModuleRegistry(this);
  }

  teardown() {
    super.teardown();
    // A shared module requires through the runtime that loaded it, also when a later test file calls what it
    // loads lazily (kubernetes-models' validators, for one): that runtime must go on loading, not refuse as a
    // torn-down one does. The file's own modules are gone from it all the same.
    if (this.loadedSharedModules) this.testState.enterTestCode();
  }
}

module.exports = CachedRuntime;
