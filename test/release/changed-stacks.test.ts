import * as fs from "fs";
import * as path from "path";
import { AppSpec, layoutRelease, PlatformSpec } from "../../lib";
import { deliveryPlatform, fixtureApps, githubDelivery, synthPlatform } from "../support/delivery";
import { bareRemote, cli, git, testEnv, tmpDir } from "./support";

const env = testEnv();
const fixture = fixtureApps(2);
const pins = fixture.pins;
// app1 is deployed by Terraform (its objects live in its stack), app0 through the GitOps repository.
const apps: AppSpec[] = fixture.apps.map((a) => (a.name === "app1" ? { ...a, delivery: "terraform" } : a));

/** A GitOps remote holding the published stacks of a synthesized output (as publish lays them out). */
function publishedRemote(outdir: string): string {
  const remote = bareRemote(env);
  const work = tmpDir("changed-work-");
  git(work, ["init", "--quiet", "--initial-branch=main"], env);
  for (const [file, content] of layoutRelease({ outDir: outdir, pins, sourceCommit: "none" }).files) {
    fs.mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
    fs.writeFileSync(path.join(work, file), content);
  }
  git(work, ["add", "-A"], env);
  git(work, ["commit", "--quiet", "-m", "release"], env);
  git(work, ["push", "--quiet", remote, "HEAD:refs/heads/main"], env);
  return remote;
}

const project = tmpDir("changed-project-");
fs.writeFileSync(path.join(project, "cdktf.json"), "{}");
const outdirs: string[] = [];
const synth = (spec: PlatformSpec, appSpecs: readonly AppSpec[] = apps): string => {
  const { outdir } = synthPlatform(spec, appSpecs, pins);
  outdirs.push(outdir);
  return outdir;
};
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const baseline = synth(deliveryPlatform());
const remote = publishedRemote(baseline);

async function changed(outdir: string, environment: string): Promise<any> {
  const run = await cli(project, env, "changed-stacks", "--env", environment, "--out", outdir, "--repo", remote, "--json", "--quiet");
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
}

describe("changed-stacks on a real GitOps repository", () => {
  test("an unchanged output touches no stack", async () => {
    for (const environment of ["dev", "staging", "prod"]) {
      const result = await changed(synth(deliveryPlatform()), environment);
      expect(result.stacks).toEqual([]);
      expect(result.bootstrap).toEqual([]);
      expect(result.layers.flat()).toEqual([]);
    }
  });

  test("one app's change plans only that app's stack, and what reads it after it is applied", async () => {
    const scaled = apps.map((a) => (a.name === "app1" ? { ...a, replicas: 3 } : a));
    const result = await changed(synth(deliveryPlatform(), scaled), "dev");
    expect(result.stacks).toEqual([
      { name: "dev-app-app1", layer: 1, status: "changed", ready: true, upstream: [] },
      { name: "dev-gitops", layer: 2, status: "downstream", ready: false, upstream: ["dev-app-app1"] },
    ]);
    expect(result.layers).toEqual([[], ["dev-app-app1"], ["dev-gitops"]]);
  });

  test("a new image of a GitOps-delivered app changes no stack: the release alone deploys it", async () => {
    const { outdir } = synthPlatform(deliveryPlatform(), apps, { ...pins, dev: { ...pins.dev, app0: `acrcontoso.azurecr.io/app0:2.0@sha256:${"f".repeat(64)}` } });
    outdirs.push(outdir);
    expect((await changed(outdir, "dev")).stacks).toEqual([]);
  });

  test("a new output of an upstream stack (an app that now reads Key Vault) plans that stack first", async () => {
    const withSecret = apps.map((a) => (a.name === "app0" ? { ...a, secrets: { DB_PASSWORD: { keyVaultSecret: "app0-db" } } } : a));
    const result = await changed(synth(deliveryPlatform(), withSecret), "dev");
    // dev-platform only gains the Key Vault id output: app1 and monitoring read nothing new and stay untouched.
    expect(result.stacks).toEqual([
      { name: "dev-platform", layer: 0, status: "outputs-added", ready: true, upstream: [] },
      { name: "dev-app-app0", layer: 1, status: "changed", ready: false, upstream: ["dev-platform"] },
      { name: "dev-gitops", layer: 2, status: "downstream", ready: false, upstream: ["dev-app-app0"] },
    ]);
  });

  test("a platform change plans the platform now and everything downstream after it, across the promotion chain", async () => {
    const spec = deliveryPlatform();
    const changedSpec = { ...spec, environments: spec.environments.map((e) => (e.name === "dev" ? { ...e, cluster: { ...e.cluster, upgradeChannel: "stable" as const } } : e)) };
    const out = synth(changedSpec);
    const dev = await changed(out, "dev");
    expect(dev.stacks.filter((s: any) => s.ready).map((s: any) => s.name)).toEqual(["dev-platform"]);
    expect(dev.stacks.map((s: any) => s.name)).toEqual(["dev-platform", "dev-app-app0", "dev-app-app1", "dev-monitoring", "dev-gitops"]);
    expect(dev.stacks.find((s: any) => s.name === "dev-gitops").upstream).toEqual(["dev-app-app0", "dev-app-app1", "dev-monitoring", "dev-platform"]);
    const staging = await changed(out, "staging");
    expect(staging.stacks[0]).toEqual({ name: "staging-platform", layer: 0, status: "downstream", ready: false, upstream: ["dev-platform"] });
    expect(staging.stacks.every((s: any) => s.status === "downstream" && !s.ready)).toBe(true);
  });

  test("a change of a bootstrap stack is reported, never planned", async () => {
    const result = await changed(synth(deliveryPlatform(githubDelivery({ infraRepository: { owner: "contoso", name: "renamed-infra" } }))), "dev");
    expect(result.bootstrap).toEqual(["delivery"]);
    expect(result.stacks).toEqual([]);
  });

  test("an unknown environment is bad input", async () => {
    const run = await cli(project, env, "changed-stacks", "--env", "qa", "--out", baseline, "--repo", remote);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown environment "qa"; the synthesized output has: dev, prod, staging');
  });
});

describe("onlyOutputsAdded", () => {
  const { onlyOutputsAdded } = require("../../lib/release/changed-stacks");
  const stack = (outputs: Record<string, unknown>, resource = { a: { b: 1 } }) => JSON.stringify({ "//": { metadata: {}, outputs: Object.fromEntries(Object.keys(outputs).map((k) => [k, k])) }, resource, output: outputs });
  test("new outputs only", () => expect(onlyOutputsAdded(stack({ x: { value: 1 } }), stack({ x: { value: 1 }, y: { value: 2 } }))).toBe(true));
  test("a changed output is a change", () => expect(onlyOutputsAdded(stack({ x: { value: 1 } }), stack({ x: { value: 2 } }))).toBe(false));
  test("a removed output is a change", () => expect(onlyOutputsAdded(stack({ x: { value: 1 } }), stack({}))).toBe(false));
  test("a changed resource is a change", () => expect(onlyOutputsAdded(stack({}), stack({ y: { value: 2 } }, { a: { b: 2 } }))).toBe(false));
  test("not JSON is a change", () => expect(onlyOutputsAdded("{", "{}")).toBe(false));
});
