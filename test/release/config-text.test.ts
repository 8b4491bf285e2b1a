import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { configText } from "../../lib/release/repository-cache";
import { tmpDir } from "./support";

describe("configText", () => {
  test("git reads back every value exactly, quotes, backslashes, # and ; included, subsections too", () => {
    const dir = path.join(tmpDir("config-text-"), "repo.git");
    execFileSync("git", ["init", "--quiet", "--bare", dir]);
    const settings: [string, string][] = [
      ["core.logAllRefUpdates", "false"],
      ["cdktf-gitops.repository", 'C:\\work\\"odd" name #1; tab\there'],
      ["remote.origin.partialCloneFilter", "blob:none"],
      ["core.logAllRefUpdates", "true"],
    ];
    fs.appendFileSync(path.join(dir, "config"), configText(settings));
    const get = (key: string): string => execFileSync("git", ["--git-dir", dir, "config", "--get", key], { encoding: "utf8" }).replace(/\n$/, "");
    expect(get("cdktf-gitops.repository")).toBe('C:\\work\\"odd" name #1; tab\there');
    expect(get("remote.origin.partialclonefilter")).toBe("blob:none");
    // the last value of a key is the one git uses
    expect(get("core.logallrefupdates")).toBe("true");
  });
});
