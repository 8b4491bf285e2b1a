/** Jest runs TypeScript through swc without type-checking; `tsc --noEmit` type-checks once in `npm test`. */
module.exports = {
  // node's, with one vm context per worker: the test files a worker runs share the modules of node_modules
  // (cached-runtime.js); a file opts out with the docblock `@jest-environment node`
  testEnvironment: "<rootDir>/test/support/shared-realm-environment.js",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
    // secretlint's rule preset is an ES module: Node 20 require()s it, jest's module system needs it as CommonJS.
    "/node_modules/@secretlint/.+\\.js$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@secretlint/)"],
  moduleNameMapper: {
    "^cdktf-gitops$": "<rootDir>/index.ts",
  },
  testTimeout: 60000,
  // cdktf's per-token stack captures, mapped frame by frame by jest's source maps, cost a tenth of the run
  setupFiles: ["<rootDir>/test/support/setup-stack-traces.js"],
  // jest's runtime with V8 code caches of the modules it compiles (each test file compiles the library again)
  runtime: "<rootDir>/test/support/cached-runtime.js",
  // one worker more than there are cores: the release and CLI suites spend much of their time waiting for git
  // and node child processes (and a few for timers), and a waiting worker would otherwise leave a core idle
  // (2 cores: 61 s with 2 workers, 55 s with 3, 57 s with 4)
  maxWorkers: require("os").cpus().length + 1,
  // a worker is replaced once it holds more than this after a test file: every git and node child process is
  // forked from the worker, and a fork costs time in proportion to the worker's memory (1.7 ms at 50 MB, 7 ms
  // at 400 MB), which made the release and CLI suites half again as slow
  workerIdleMemoryLimit: "500MB",
};
