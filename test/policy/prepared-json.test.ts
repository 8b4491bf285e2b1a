import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { App, Lazy, TerraformAsset, TerraformOutput, TerraformStack, Testing, Token } from "cdktf";
import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { PolicyChecks } from "../../lib/policy";
import { buildPlatform } from "../../stacks/build-platform";
import { readFiles, withTestApp } from "../support/synth";
import { crossStackApp } from "./cross-stack-app";

/** A stack with an azurerm provider and a resource group. */
function groupStack(app: App, id: string, name = `rg-${id}`): { stack: TerraformStack; group: ResourceGroup } {
  const stack = new TerraformStack(app, id);
  new AzurermProvider(stack, "azurerm", { features: [{}] });
  return { stack, group: new ResourceGroup(stack, "Group", { name, location: "westeurope" }) };
}

/**
 * Every stack's cdk.tf.json after `build(app)` and `run(app)` (default: `app.synth()`), with the policy checks'
 * synthesizer (which writes each element as `prepareStack` resolved it, where it can) or with cdktf's own.
 */
function written(checks: boolean, build: (app: App) => void, run: (app: App) => void = (app) => app.synth()): Record<string, string> {
  return withTestApp((app) => {
    build(app);
    if (checks) PolicyChecks.applyTo(app, { packs: [], writeReport: false });
    run(app);
    return Object.fromEntries(Object.entries(readFiles(app.outdir)).filter(([file]) => file.endsWith("cdk.tf.json")));
  });
}

/** Expects the same files with the policy checks' synthesizer as with cdktf's; returns them. */
function sameAsCdktf(build: (app: App) => void, run?: (app: App) => void): Record<string, string> {
  const ours = written(true, build, run);
  expect(ours).toEqual(written(false, build, run));
  expect(Object.keys(ours).length).toBeGreaterThan(0);
  return ours;
}

describe("the JSON prepareStack resolved, written where nothing could change it", () => {
  test("the reference platform and every kind of token: what cdktf writes", () => {
    sameAsCdktf((app) => {
      buildPlatform(app, referencePlatform, { apps: referenceApps, pins: referencePins, policy: false });
      crossStackApp(app);
    });
  });

  test("Lazy values are produced when the stack is written, as cdktf does: one that counts, one that reads what later stacks' preparing added, one that gives a reference to another stack", () => {
    const files = sameAsCdktf((app) => {
      const a = groupStack(app, "a");
      let produced = 0;
      new TerraformOutput(a.stack, "counter", { value: Lazy.stringValue({ produce: () => `call-${++produced}` }) });
      new TerraformOutput(a.stack, "outputs", { value: Lazy.listValue({ produce: () => a.stack.node.findAll().filter(TerraformOutput.isTerraformOutput).map((o) => o.friendlyUniqueId) }) });
      // a reference whose identifier holds a Lazy value, met twice: produced each time it is met
      let keys = 0;
      const keyed = Token.asString(a.group.interpolationForAttribute(`tags["${Lazy.stringValue({ produce: () => `key-${++keys}` })}"]`));
      new TerraformOutput(a.stack, "keyed", { value: keyed });
      new TerraformOutput(a.stack, "keyedAgain", { value: keyed });
      const b = groupStack(app, "b", a.group.name);
      new TerraformOutput(b.stack, "lazyReference", { value: Lazy.stringValue({ produce: () => a.group.location }) });
    });
    const a = JSON.parse(files["stacks/a/cdk.tf.json"]).output;
    expect(a.counter.value).toBe("call-2");
    expect([a.keyed.value, a.keyedAgain.value]).toEqual(['${azurerm_resource_group.Group.tags["key-3"]}', '${azurerm_resource_group.Group.tags["key-4"]}']);
    expect(a.outputs.value).toContain("cross-stack-output-azurerm_resource_groupGroupname");
  });

  test("a stack that prepares itself its own way and changes another stack: what cdktf writes", () => {
    const files = sameAsCdktf((app) => {
      groupStack(app, "a");
      class Tagger extends TerraformStack {
        public prepareStack(): void {
          for (const construct of app.node.findAll()) if (construct instanceof ResourceGroup) construct.tags = { tagged: "by-prepare" };
          super.prepareStack();
        }
      }
      new Tagger(app, "tagger");
    });
    expect(JSON.parse(files["stacks/a/cdk.tf.json"]).resource.azurerm_resource_group.Group.tags).toEqual({ tagged: "by-prepare" });
  });

  test("a second synth after a change, and a stack written after a synth that failed half-way, see the change", () => {
    let group: ResourceGroup | undefined;
    const twice = sameAsCdktf(
      (app) => void (group = groupStack(app, "a").group),
      (app) => {
        app.synth();
        group!.location = "northeurope";
        app.synth();
      },
    );
    expect(JSON.parse(twice["stacks/a/cdk.tf.json"]).resource.azurerm_resource_group.Group.location).toBe("northeurope");
    withTestApp((app) => {
      // the first stack fails synth (an admin user on a registry); the second was prepared, not written
      const first = new TerraformStack(app, "first");
      new AzurermProvider(first, "azurerm", { features: [{}] });
      new ContainerRegistry(first, "Registry", { name: "acrx", location: "westeurope", resourceGroupName: "rg", sku: "Basic", adminEnabled: true, publicNetworkAccessEnabled: false });
      const later = groupStack(app, "later");
      PolicyChecks.applyTo(app, { today: "2026-01-01", writeReport: false });
      expect(() => app.synth()).toThrow(/GITOPS-ACR-1/);
      later.group.location = "swedencentral";
      const outdir = Testing.fullSynth(later.stack);
      try {
        const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "later", "cdk.tf.json"), "utf8"));
        expect(json.resource.azurerm_resource_group.Group.location).toBe("swedencentral");
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    });
  });

  test("a TerraformAsset's subclass whose synthesis changes a construct: what cdktf writes", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "asset-"));
    try {
      const file = path.join(folder, "asset.txt");
      fs.writeFileSync(file, "content\n");
      const files = sameAsCdktf((app) => {
        const { stack, group } = groupStack(app, "a");
        // `_onSynthesize` is private in cdktf's typings: a subclass as JavaScript would write it
        const Asset = TerraformAsset as unknown as new (scope: TerraformStack, id: string, props: { path: string }) => object;
        class TaggingAsset extends Asset {
          public _onSynthesize(session: unknown): void {
            (TerraformAsset.prototype as unknown as { _onSynthesize(session: unknown): void })._onSynthesize.call(this, session);
            group.tags = { synthesized: "by-the-asset" };
          }
        }
        new TaggingAsset(stack, "Asset", { path: file });
      });
      expect(JSON.parse(files["stacks/a/cdk.tf.json"]).resource.azurerm_resource_group.Group.tags).toEqual({ synthesized: "by-the-asset" });
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test("an element that holds no token but references is resolved once per synth, not twice as cdktf does", () => {
    const calls = (checks: boolean): number => {
      let count = 0;
      written(checks, (app) => {
        const { group } = groupStack(app, "a");
        const toTerraform = group.toTerraform.bind(group);
        group.toTerraform = () => (count++, toTerraform());
      });
      return count;
    };
    expect([calls(true), calls(false)]).toEqual([1, 2]);
  });
});
