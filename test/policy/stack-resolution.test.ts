import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Annotations, App, Aspects, IAspect, Lazy, TerraformOutput, TerraformStack, Token } from "cdktf";
import { invokeAspects as cdktfInvokeAspects } from "cdktf/lib/synthesize/synthesizer";
import { Construct, IConstruct } from "constructs";
import { invokeAspects } from "../../lib/policy/stack-aspects";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { prepareStack, resolvedResources, resolvedStack } from "../../lib/policy/stack-resolution";
import { crossStackApp } from "./cross-stack-app";
import { buildPlatform } from "../../stacks/build-platform";

describe("resolvedResources", () => {
  test("equals the resource section of every reference stack's toTerraform(), cross-stack references included", () => {
    const app = new App({ outdir: "/nonexistent" });
    buildPlatform(app, referencePlatform, { apps: referenceApps, pins: referencePins, policy: false });
    const stacks = app.node.findAll().filter(TerraformStack.isStack);
    stacks.forEach((stack) => stack.prepareStack());
    expect(stacks.length).toBeGreaterThan(10);
    for (const stack of stacks) {
      const json = stack.toTerraform();
      expect([stack.node.id, resolvedResources(stack)]).toEqual([stack.node.id, json.resource ?? {}]);
      // what synth writes: the same JSON, keys in the same order
      expect([stack.node.id, JSON.stringify(resolvedStack(stack))]).toEqual([stack.node.id, JSON.stringify(json)]);
    }
  });

  test("a stack-level override that changes a resource is seen", () => {
    const stack = new TerraformStack(new App({ outdir: "/nonexistent" }), "s");
    new AzurermProvider(stack, "azurerm", { features: [{}] });
    new ContainerRegistry(stack, "Registry", { name: "acrx", location: "westeurope", resourceGroupName: "rg", sku: "Basic", adminEnabled: false });
    stack.addOverride("resource.azurerm_container_registry.Registry.admin_enabled", true);
    expect(resolvedResources(stack).azurerm_container_registry.Registry.admin_enabled).toBe(true);
    expect((resolvedStack(stack).resource as any).azurerm_container_registry.Registry.admin_enabled).toBe(true);
  });
});

describe("prepareStack", () => {
  test("registers the same cross-stack references as cdktf's, so every stack synthesizes the same", () => {
    const withCdktf = crossStackApp();
    withCdktf.forEach((stack) => stack.prepareStack());
    const withOurs = crossStackApp();
    withOurs.forEach((stack) => prepareStack(stack));
    const json = (stacks: TerraformStack[]) => stacks.map((stack) => JSON.stringify(stack.toTerraform()));
    expect(json(withOurs)).toEqual(json(withCdktf));
    // the references really crossed: outputs in a, remote state in b
    expect(Object.keys(withOurs[0].toTerraform().output ?? {}).filter((o) => o.startsWith("cross-stack-output-")).length).toBeGreaterThanOrEqual(4);
    expect(withOurs[1].toTerraform().data.terraform_remote_state).toBeDefined();
  });
});

describe("resolvedStack", () => {
  test("writes what toTerraform() returns for every kind of token, and undefined values, in the same key order", () => {
    const stacks = crossStackApp();
    const b = stacks[1];
    new TerraformOutput(b, "nested", { value: { list: ["a", 1, { deep: Token.asString(Lazy.stringValue({ produce: () => "lazy" })) }], gone: undefined } });
    new ResourceGroup(b, "Unmanaged", { name: "rg-c", location: "westeurope", managedBy: undefined, tags: { empty: "" } });
    stacks.forEach((stack) => stack.prepareStack());
    for (const stack of stacks) expect(JSON.stringify(resolvedStack(stack))).toEqual(JSON.stringify(stack.toTerraform()));
    // the tokens were resolved, not copied
    expect(JSON.stringify(resolvedStack(b))).not.toContain("TfToken");
    expect((resolvedStack(b).output as any).nested.value).toEqual({ list: ["a", 1, { deep: "lazy" }] });
    expect(Object.keys((resolvedStack(b).resource as any).azurerm_resource_group.Unmanaged)).not.toContain("managed_by");
  });

  test.each([["a string map token value", Token.STRING_MAP_TOKEN_VALUE], ["a number map token value", Token.NUMBER_MAP_TOKEN_VALUE]])("refuses %s in a scalar context, as cdktf does", (_what, value) => {
    const stack = new TerraformStack(new App({ outdir: "/nonexistent" }), "s");
    new TerraformOutput(stack, "o", { value });
    expect(() => stack.toTerraform()).toThrow(/map token/i);
    expect(() => resolvedStack(stack)).toThrow(/map token/i);
  });
});

describe("invokeAspects", () => {
  /** A tree with Aspects on the stack, on a child (one of them also on the stack) and one added by an Aspect. */
  function aspectTree(): { stack: TerraformStack; visits: string[]; checks: IAspect } {
    const visits: string[] = [];
    const aspect = (name: string): IAspect => ({ visit: (node: IConstruct) => void visits.push(`${name} ${node.node.path}`) });
    const stack = new TerraformStack(new App({ outdir: "/nonexistent" }), "s");
    const child = new Construct(stack, "child");
    new Construct(new Construct(child, "grand"), "leaf");
    new Construct(stack, "other");
    const shared = aspect("shared");
    const checks = aspect("checks");
    Aspects.of(stack).add(checks);
    Aspects.of(stack).add(shared);
    Aspects.of(child).add(shared);
    Aspects.of(child).add({ visit: (node: IConstruct) => void (node === child && Aspects.of(child).add(aspect("late"))) });
    return { stack, visits, checks };
  }

  test("visits what cdktf's invokeAspects visits, in the same order, with the same warning; tells whether an Aspect other than its own ran", () => {
    const ours = aspectTree();
    expect(invokeAspects(ours.stack, ours.checks)).toEqual({ foreignAspectRan: true });
    const cdktf = aspectTree();
    cdktfInvokeAspects(cdktf.stack);
    expect(ours.visits).toEqual(cdktf.visits);
    expect(ours.visits).toContain("shared s/child/grand/leaf");
    expect(ours.visits.filter((v) => v === "shared s/child")).toHaveLength(1);
    const warnings = (stack: TerraformStack) => stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => `${c.node.path}: ${m.data}`));
    expect(warnings(ours.stack)).toEqual(warnings(cdktf.stack));
    expect(warnings(ours.stack)).toHaveLength(1);

    const alone = new TerraformStack(new App({ outdir: "/nonexistent" }), "alone");
    const checks = { visit: () => undefined };
    Aspects.of(alone).add(checks);
    Annotations.of(alone);
    expect(invokeAspects(alone, checks)).toEqual({ foreignAspectRan: false });
  });
});
