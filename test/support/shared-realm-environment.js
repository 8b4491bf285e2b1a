// jest `testEnvironment`: jest's node environment, but the test files a worker runs share one vm context (one
// global, one set of built-in classes), so that the modules they load from node_modules can be shared too
// (cached-runtime.js): cdktf, the provider bindings, zod and the Kubernetes schemas are loaded and run once per
// worker, not once per test file (about 0.35 s of CPU in each of the 42 files that load the whole library). A
// shared context is what makes that safe: an object a test file makes has the same `Object.prototype` as the
// modules that check it (zod's and json-stable-stringify's plain-object checks).
//
// What the files of a worker share: the global (what a test sets on it stays for the next file) and the state of
// the node_modules modules (cdktf's token map). The project's own modules and the test files are loaded fresh
// for each file, as before. A test file that mocks a dependency or changes its state opts out with the docblock
// `@jest-environment node`, which gives it a context and modules of its own.
"use strict";
const { TestEnvironment } = require("jest-environment-node");

/** The context of the first environment this worker made, with what jest keeps about it. */
let shared;

class SharedRealmEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    if (shared === undefined) {
      shared = { context: this.context, global: this.global, globalProxy: this._globalProxy, moduleMocker: this.moduleMocker, fakeTimers: this.fakeTimers, fakeTimersModern: this.fakeTimersModern };
    } else {
      // the context the constructor just made is dropped for the worker's
      Object.assign(this, { context: shared.context, global: shared.global, _globalProxy: shared.globalProxy, moduleMocker: shared.moduleMocker });
      Object.assign(this, { fakeTimers: shared.fakeTimers, fakeTimersModern: shared.fakeTimersModern });
    }
  }

  /** Read by cached-runtime.js: the modules of node_modules may be shared with the worker's other test files. */
  get sharesModules() {
    return true;
  }

  /**
   * Keeps the context for the worker's next test file, without what jest-circus left in it for this one: its
   * event handlers (kept in the global: the next file would add its own to them, and these would go on running)
   * and its state (under a symbol of its own for each file: the tests, their closures and with them the file's
   * modules). Fake timers a test turned on go back to real ones.
   */
  async teardown() {
    const global = this.global;
    delete global[EVENT_HANDLERS];
    for (const key of Object.getOwnPropertySymbols(global)) if (key.description === CIRCUS_STATE) delete global[key];
    this.fakeTimers?.useRealTimers();
    this.fakeTimersModern?.useRealTimers();
  }
}

/** Where jest-circus 30 keeps its event handlers in the global, and the description of its state's symbol. */
const EVENT_HANDLERS = Symbol.for("EVENT_HANDLERS");
const CIRCUS_STATE = "JEST_STATE_SYMBOL";

module.exports = SharedRealmEnvironment;
