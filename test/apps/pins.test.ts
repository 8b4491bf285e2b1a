import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { formatPinFile, readPinFiles } from "../../lib/apps/pins";
import { validateApps } from "../../lib/apps/validate-apps";
import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { pinned } from "../support/fixtures";

describe("pin files", () => {
  let folder: string;
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), "pins-test-"));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  test("formatPinFile sorts keys, indents by 2 and ends with a newline; readPinFiles reads one file per environment", () => {
    const text = formatPinFile({ web: pinned("web"), api: pinned("api") });
    expect(text).toBe(`{\n  "api": "${pinned("api")}",\n  "web": "${pinned("web")}"\n}\n`);
    fs.writeFileSync(path.join(folder, "dev.json"), text);
    fs.writeFileSync(path.join(folder, "prod.json"), formatPinFile({ web: pinned("web") }));
    fs.writeFileSync(path.join(folder, "README.md"), "not a pin file");
    expect(readPinFiles(folder)).toEqual({ dev: { api: pinned("api"), web: pinned("web") }, prod: { web: pinned("web") } });
  });

  test("rejects a file that is not an object of strings, naming the file", () => {
    fs.writeFileSync(path.join(folder, "dev.json"), '{ "web": 1 }');
    expect(() => readPinFiles(folder)).toThrow(`${path.join(folder, "dev.json")}: app "web" is pinned to 1; pin a string such as registry/repo:1.2.3@sha256:<digest>`);
    fs.writeFileSync(path.join(folder, "dev.json"), "[]");
    expect(() => readPinFiles(folder)).toThrow(/dev\.json: is \[\]; write an object mapping app name to image reference/);
    fs.writeFileSync(path.join(folder, "dev.json"), "{");
    expect(() => readPinFiles(folder)).toThrow(/dev\.json: is not valid json/);
  });

  test("the reference pin files are formatted as the release CLI writes them", () => {
    const pinsFolder = path.join(__dirname, "../../environments/pins");
    for (const file of fs.readdirSync(pinsFolder)) {
      const text = fs.readFileSync(path.join(pinsFolder, file), "utf8");
      expect(formatPinFile(JSON.parse(text))).toBe(text);
    }
  });

  test("the reference platform ships web and api, pinned by digest in dev, staging and prod", () => {
    expect(referenceApps.map((app) => app.name).sort()).toEqual(["api", "web"]);
    expect(Object.keys(referencePins).sort()).toEqual(["dev", "prod", "staging"]);
    for (const env of ["dev", "staging", "prod"]) expect(Object.keys(referencePins[env]).sort()).toEqual(["api", "web"]);
    expect(validateApps(referenceApps, referencePins, referencePlatform.environments.map((e) => e.name))).toEqual([]);
  });
});
