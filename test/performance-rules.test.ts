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

describe("published declarations (scripts/check-declarations.js, run by npm test on tsc's emit)", () => {
  const { declarationProblems } = require("../scripts/check-declarations") as { declarationProblems: (outDir: string) => string[] };
  const outDirs: string[] = [];
  afterAll(() => outDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
  const emitted = (files: Record<string, string>): string => {
    const outDir = fs.mkdtempSync(path.join(require("os").tmpdir(), "cdktf-gitops-dts-"));
    outDirs.push(outDir);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
      fs.writeFileSync(path.join(outDir, file), text);
    }
    return outDir;
  };

  test("a declaration naming a provider package root is reported with the fix; deep paths pass", () => {
    const rootImport = `import { kubernetesCluster } from ${'"'}@cdktf/provider-azurerm";\n`; // built, so the source scan above passes
    const outDir = emitted({
      "lib/index.d.ts": 'export declare const a: import("@cdktf/provider-azurerm/lib/key-vault").KeyVault;\n',
      "lib/platform/aks-cluster.d.ts": rootImport,
      "lib/removed-long-ago.d.ts": rootImport,
    });
    expect(declarationProblems(outDir)).toEqual([expect.stringMatching(/^lib\/platform\/aks-cluster\.d\.ts: imports a provider package root; import the class from its deep path/)]);
  });

  test("a folder without the library's declarations is an error, not a pass", () => {
    expect(() => declarationProblems(emitted({ "other.d.ts": "" }))).toThrow(/no lib\/index\.d\.ts/);
  });
});
