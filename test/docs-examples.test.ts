import * as fs from "fs";
import * as path from "path";

// The examples of README.md and docs/*.md are extracted into docs/examples/, which `tsc --noEmit` type-checks in
// `npm test` (tsconfig.json includes the folder). This test fails while the extracted files are stale.
const examples = require("../scripts/doc-examples.js") as { extract(): Record<string, string>; existing(): string[]; OUT: string };

describe("documentation examples", () => {
  const expected = examples.extract();

  test("docs/examples/ holds exactly the examples of README.md and docs/*.md (run npm run docs:examples)", () => {
    expect(examples.existing()).toEqual(Object.keys(expected).sort());
    for (const [file, text] of Object.entries(expected)) expect({ file, text: fs.readFileSync(path.join(examples.OUT, file), "utf8") }).toEqual({ file, text });
  });

  test("tsc checks the extracted examples", () => {
    const tsconfig = fs.readFileSync(path.join(__dirname, "..", "tsconfig.json"), "utf8");
    expect(tsconfig).toContain('"docs/examples/**/*.ts"');
    expect(Object.keys(expected).length).toBeGreaterThan(10);
  });
});
