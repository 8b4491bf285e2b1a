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
