import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const SOURCE_FOLDERS = ["lib", "stacks", "environments", "bench", "bin", "test"];

function sourceFiles(folder: string): string[] {
  const full = path.join(ROOT, folder);
  if (!fs.existsSync(full)) return [];
  return fs
    .readdirSync(full, { recursive: true })
    .map(String)
    .filter((file) => /\.(ts|js)$/.test(file) && !file.includes("__snapshots__"))
    .map((file) => path.join(folder, file));
}

describe("performance rules", () => {
  const files = [...SOURCE_FOLDERS.flatMap(sourceFiles), "main.ts"];

  test("the scan sees the library's files", () => {
    expect(files).toContain(path.join("lib", "platform", "aks-cluster.ts"));
  });

  test("no file imports a provider package root (deep imports only)", () => {
    const rootImport = /(from\s+|require\()\s*["']@cdktf\/provider-[a-z-]+["']/;
    const offenders = files.filter((file) => rootImport.test(fs.readFileSync(path.join(ROOT, file), "utf8")));
    expect(offenders).toEqual([]);
  });
});

describe("published declarations", () => {
  test("import provider classes by deep path only", () => {
    const { spawnSync } = require("child_process") as typeof import("child_process");
    const outDir = fs.mkdtempSync(path.join(require("os").tmpdir(), "cdktf-gitops-dts-"));
    const tsc = require.resolve("typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--emitDeclarationOnly", "--outDir", outDir], { cwd: ROOT, encoding: "utf8" });
    expect(result.stdout + result.stderr).toBe("");
    const declarations = fs.readdirSync(outDir, { recursive: true }).map(String).filter((file) => file.endsWith(".d.ts"));
    expect(declarations).toContain(path.join("lib", "index.d.ts"));
    const rootReference = /(import\(|from\s+)["']@cdktf\/provider-[a-z-]+["']/;
    expect(declarations.filter((file) => rootReference.test(fs.readFileSync(path.join(outDir, file), "utf8")))).toEqual([]);
  });
});
