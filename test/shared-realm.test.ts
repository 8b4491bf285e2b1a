import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { TEST_TMP } from "./support/test-tmp";

const ROOT = path.resolve(__dirname, "..");
const SUPPORT = path.join(ROOT, "test", "support");

/**
 * Runs jest with this project's test environment and runtime on the test files of a temporary folder, in one
 * worker (the files in the order of their names), and returns what the tests printed.
 */
function runJest(dir: string): { status: number | null; output: string } {
  const config = {
    rootDir: dir,
    testEnvironment: path.join(SUPPORT, "shared-realm-environment.js"),
    runtime: path.join(SUPPORT, "cached-runtime.js"),
    testMatch: ["**/*.test.js"],
    transform: {},
    testSequencer: path.join(dir, "sequencer.js"),
  };
  const result = spawnSync(process.execPath, [path.join(ROOT, "node_modules", "jest", "bin", "jest.js"), "--runInBand", "--ci", "--config", JSON.stringify(config)], {
    cwd: dir,
    encoding: "utf8",
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("shared-realm-environment.js with cached-runtime.js", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(TEST_TMP, "cdktf-gitops-shared-realm-"));
    const dep = path.join(dir, "node_modules", "dep");
    fs.mkdirSync(dep, { recursive: true });
    // a dependency that counts its loads in the global, and a module it loads only when called
    fs.writeFileSync(path.join(dep, "index.js"), "globalThis.depLoads = (globalThis.depLoads ?? 0) + 1;\nexports.later = () => require('./later');\n");
    fs.writeFileSync(path.join(dep, "later.js"), "module.exports = 'loaded later';\n");
    fs.writeFileSync(path.join(dir, "own.js"), "module.exports = { instance: {} };\n");
    fs.writeFileSync(
      path.join(dir, "sequencer.js"),
      `const Sequencer = require(${JSON.stringify(require.resolve("@jest/test-sequencer"))}).default;\n` +
        "module.exports = class extends Sequencer { sort(tests) { return [...tests].sort((a, b) => a.path.localeCompare(b.path)); } };\n",
    );
    const probe = (name: string, callLater: boolean) =>
      [
        'const dep = require("dep");',
        'const own = require("./own");',
        `test("${name}", () => {`,
        `  console.log("${name}", JSON.stringify({`,
        "    depLoads: globalThis.depLoads,",
        "    depSeen: globalThis.firstDep === dep,",
        "    freshGlobal: globalThis.firstDep === undefined,",
        "    ownSeen: globalThis.firstOwn === own.instance,",
        "    plainFromEarlierFile: dep.plain === undefined ? null : Object.getPrototypeOf(dep.plain) === Object.prototype,",
        `    later: ${callLater ? "dep.later()" : "null"},`,
        '    handlers: globalThis[Symbol.for("EVENT_HANDLERS")].length,',
        '    states: Object.getOwnPropertySymbols(globalThis).filter((s) => s.description === "JEST_STATE_SYMBOL").length,',
        "  }));",
        "  globalThis.firstDep ??= dep;",
        "  globalThis.firstOwn ??= own.instance;",
        "  dep.plain ??= {};",
        "});",
        "",
      ].join("\n");
    fs.writeFileSync(path.join(dir, "a.test.js"), probe("a", false));
    fs.writeFileSync(path.join(dir, "b.test.js"), probe("b", true));
    fs.writeFileSync(path.join(dir, "c.test.js"), `/**\n * @jest-environment node\n */\n${probe("c", true)}`);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("files share node_modules modules and the global, keep their own modules, and a file can opt out", () => {
    const { status, output } = runJest(dir);
    expect(output).toContain("Tests:       3 passed, 3 total");
    expect(status).toBe(0);
    const seen = (name: string) => JSON.parse(new RegExp(`${name} (\\{.*\\})`).exec(output)![1]);
    const [a, b, c] = [seen("a"), seen("b"), seen("c")];
    expect(a).toMatchObject({ depLoads: 1, depSeen: false, freshGlobal: true, ownSeen: false, plainFromEarlierFile: null, later: null, states: 1 });
    // b: the dependency a loaded (not loaded again), and its module loaded now through the runtime of a, torn
    // down by then; the project's module of its own; an object a made passes b's plain-object check; jest's
    // handlers and state of b only
    expect(b).toEqual({ depLoads: 1, depSeen: true, freshGlobal: false, ownSeen: false, plainFromEarlierFile: true, later: "loaded later", handlers: a.handlers, states: 1 });
    // c opted out: a global and modules of its own
    expect(c).toEqual({ depLoads: 1, depSeen: false, freshGlobal: true, ownSeen: false, plainFromEarlierFile: null, later: "loaded later", handlers: a.handlers, states: 1 });
  });
});
