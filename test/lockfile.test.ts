import * as fs from "fs";
import * as path from "path";

describe("package-lock.json", () => {
  const lock = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package-lock.json"), "utf8"));

  test("lists every optional dependency, so npm ci accepts it (run npm run lock:complete after npm install)", () => {
    const missing: string[] = [];
    for (const [location, entry] of Object.entries<any>(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!lock.packages[`${location}/node_modules/${name}`] && !lock.packages[`node_modules/${name}`]) missing.push(name);
      }
    }
    expect(Object.keys(lock.packages).length).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });
});
