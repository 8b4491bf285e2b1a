import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";
import { Construct } from "constructs";
import { BackgroundWrites } from "../../lib/core/background-writes";
import { buildPlatform } from "../../stacks/build-platform";
import { deliveryPlatform, fixtureApps, readTree } from "../support/delivery";
import { TEST_TMP } from "../support/test-tmp";

/** Files per test: the first 10 written at once, the others by the worker thread. */
const MANY = 300;
const SYNCHRONOUS = 10;
const fileOf = (root: string, i: number): string => path.join(root, `folder${i % 37}`, `sub${i % 5}`, `file${i}.yaml`);

describe("BackgroundWrites", () => {
  let root: string;
  beforeEach(() => (root = fs.mkdtempSync(path.join(TEST_TMP, "background-writes-"))));
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  test("every file is on disk, with its text, when the synth returns", () => {
    const session = {};
    const result = BackgroundWrites.during(session, () => {
      const writes = BackgroundWrites.of(session)!;
      for (let i = 0; i < MANY; i++) writes.write(fileOf(root, i), `text ${i}\n`.repeat(i % 50));
      return "done";
    }, SYNCHRONOUS);
    expect(result).toBe("done");
    for (let i = 0; i < MANY; i++) expect(fs.readFileSync(fileOf(root, i), "utf8")).toBe(`text ${i}\n`.repeat(i % 50));
    expect(BackgroundWrites.of(session)).toBeUndefined();
  });

  test("a later write of the same file wins, as it would when written at once", () => {
    const session = {};
    const file = path.join(root, "same.yaml");
    BackgroundWrites.during(session, () => {
      const writes = BackgroundWrites.of(session)!;
      for (let i = 0; i < MANY; i++) writes.write(file, `version ${i}`);
    }, SYNCHRONOUS);
    expect(fs.readFileSync(file, "utf8")).toBe(`version ${MANY - 1}`);
  });

  test("a write that fails in the background fails the synth with the file system's error", () => {
    const session = {};
    // a file where a folder should be: the worker cannot create the folders below it
    fs.writeFileSync(path.join(root, "blocked"), "");
    expect(() =>
      BackgroundWrites.during(session, () => {
        const writes = BackgroundWrites.of(session)!;
        for (let i = 0; i < MANY; i++) writes.write(fileOf(root, i), "x");
        writes.write(path.join(root, "blocked", "a", "file.yaml"), "x");
      }, SYNCHRONOUS),
    ).toThrow(expect.objectContaining({ code: expect.stringMatching(/^(ENOTDIR|EEXIST)$/) }));
    // what was queued before the failure is written
    expect(fs.readFileSync(fileOf(root, MANY - 1), "utf8")).toBe("x");
  });

  test("when the synth throws, its error is reported and the files queued before it are written", () => {
    const session = {};
    expect(() =>
      BackgroundWrites.during(session, () => {
        const writes = BackgroundWrites.of(session)!;
        for (let i = 0; i < MANY; i++) writes.write(fileOf(root, i), `text ${i}`);
        throw new Error("blocking finding");
      }, SYNCHRONOUS),
    ).toThrow("blocking finding");
    for (let i = 0; i < MANY; i++) expect(fs.readFileSync(fileOf(root, i), "utf8")).toBe(`text ${i}`);
  });

  test("a platform synthesized with background writes is the platform synthesized without", () => {
    const { apps, pins } = fixtureApps(2);
    const synth = (outdir: string, background: boolean): Record<string, string> => {
      const app = new App({ outdir });
      buildPlatform(app, deliveryPlatform(), { apps, pins });
      // App.prototype.synth is cdktf's own synth, without the background writes buildPlatform adds
      if (background) BackgroundWrites.during(app.manifest, () => App.prototype.synth.call(app), SYNCHRONOUS);
      else App.prototype.synth.call(app);
      return readTree(outdir);
    };
    const withWorker = synth(path.join(root, "background"), true);
    const withoutWorker = synth(path.join(root, "synchronous"), false);
    expect(Object.keys(withWorker).length).toBeGreaterThan(SYNCHRONOUS * 5);
    expect(withWorker).toEqual(withoutWorker);
  });

  test("buildPlatform's app synthesizes with background writes", () => {
    const app = new App({ outdir: path.join(root, "out") });
    const stacks = buildPlatform(app, deliveryPlatform(), fixtureApps(1));
    let during: BackgroundWrites | undefined;
    addCustomSynthesis(new Construct(stacks.environments.dev.platform, "Probe"), { onSynthesize: (session) => (during = BackgroundWrites.of(session.manifest)) });
    app.synth();
    expect(during).toBeDefined();
    expect(BackgroundWrites.of(app.manifest)).toBeUndefined();
  });
});
