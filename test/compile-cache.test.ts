import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const COMPILE_CACHE = path.resolve(__dirname, "..", "compile-cache.js");

describe("compile-cache.js", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-gitops-compile-cache-"));
    fs.mkdirSync(path.join(dir, "esm"));
    fs.writeFileSync(path.join(dir, "esm", "package.json"), '{ "type": "module" }');
    fs.writeFileSync(path.join(dir, "esm", "index.js"), "export const answer = 42;\n");
    fs.writeFileSync(path.join(dir, "helper.js"), "module.exports = { greet: (name) => `hello ${name}` };\n");
    fs.writeFileSync(
      path.join(dir, "entry.js"),
      [
        '#!/usr/bin/env node',
        'const { greet } = require("./helper");',
        'const { answer } = require("./esm/index.js");',
        'require("./dynamic").then((m) => console.log(greet("cache"), answer, m.default.greet("import"), require.resolve("./helper") === __dirname + "/helper.js"));',
        "",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(dir, "dynamic.js"), 'module.exports = import("./helper.js");\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = () => {
    const script = `require(${JSON.stringify(COMPILE_CACHE)}).enableCompileCache(${JSON.stringify(path.join(dir, "cache"))}); require(${JSON.stringify(path.join(dir, "entry.js"))});`;
    return spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  };
  const entries = () => fs.readdirSync(path.join(dir, "cache")).flatMap((v8) => fs.readdirSync(path.join(dir, "cache", v8)));

  test("modules run as without it (shebang, require.resolve, import(), ES modules); the cache is written once, then read", () => {
    const first = run();
    expect(first.stderr).toBe("");
    expect(first.stdout).toBe("hello cache 42 hello import true\n");
    // entry.js and helper.js are cached; dynamic.js (it calls import()) and the ES module go to Node unchanged
    expect(entries()).toHaveLength(2);
    const cached = fs.statSync(path.join(dir, "cache", fs.readdirSync(path.join(dir, "cache"))[0], entries()[0])).mtimeMs;
    const second = run();
    expect(second.stdout).toBe(first.stdout);
    expect(entries()).toHaveLength(2);
    expect(fs.statSync(path.join(dir, "cache", fs.readdirSync(path.join(dir, "cache"))[0], entries()[0])).mtimeMs).toBe(cached);
  });

  test("a changed module is compiled again, never served from a stale cache", () => {
    run();
    fs.writeFileSync(path.join(dir, "helper.js"), "module.exports = { greet: (name) => `bye ${name}` };\n");
    expect(run().stdout).toBe("bye cache 42 bye import true\n");
    expect(entries()).toHaveLength(3);
  });

  test("an error's stack names the module's file and line", () => {
    fs.writeFileSync(path.join(dir, "helper.js"), "\n\nthrow new Error('broken helper');\n");
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Error: broken helper");
    expect(result.stderr).toContain(`${path.join(dir, "helper.js")}:3`);
  });

  test("CDKTF_GITOPS_COMPILE_CACHE=0 turns it off", () => {
    const script = `require(${JSON.stringify(COMPILE_CACHE)}).enableCompileCache(${JSON.stringify(path.join(dir, "cache"))}); require(${JSON.stringify(path.join(dir, "entry.js"))});`;
    const result = spawnSync(process.execPath, ["-e", script], { encoding: "utf8", env: { ...process.env, CDKTF_GITOPS_COMPILE_CACHE: "0" } });
    expect(result.stdout).toBe("hello cache 42 hello import true\n");
    expect(fs.existsSync(path.join(dir, "cache"))).toBe(false);
  });
});
