import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseEnvironmentDescriptor } from "../../lib/release/environment-descriptor";
import { ReleaseError } from "../../lib/release/errors";
import { buildPlatform } from "../../stacks/build-platform";
import { platformSpec } from "../support/fixtures";

describe("EnvironmentDescriptor", () => {
  test("every environment's gitops output describes its tier, engine and promotion source", () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-gitops-descriptor-"));
    const app = new App({ outdir });
    buildPlatform(app, platformSpec());
    app.synth();
    const read = (env: string) => fs.readFileSync(path.join(outdir, "gitops", env, "environment.json"), "utf8");
    const [dev, staging, prod] = ["dev", "staging", "prod"].map(read);
    fs.rmSync(outdir, { recursive: true, force: true });
    expect(prod).toBe('{\n  "environment": "prod",\n  "promotesFrom": "staging",\n  "sync": "flux",\n  "tier": "prod"\n}\n');
    expect(parseEnvironmentDescriptor(staging)).toEqual({ environment: "staging", promotesFrom: "dev", sync: "flux", tier: "staging" });
    expect(parseEnvironmentDescriptor(dev)).toEqual({ environment: "dev", sync: "flux", tier: "dev" });
  });

  test("parse rejects text that is not a descriptor as bad input", () => {
    expect(parseEnvironmentDescriptor(undefined)).toBeUndefined();
    expect(() => parseEnvironmentDescriptor('{"apps": {}}')).toThrow("environment.json does not name its environment; publish the environment again to rewrite it");
    expect(() => parseEnvironmentDescriptor("{oops")).toThrow(/^environment\.json is not valid json \(.*\); publish the environment again/);
    let error: unknown;
    try {
      parseEnvironmentDescriptor("null");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ReleaseError);
    expect((error as ReleaseError).exitCode).toBe(2);
  });
});
