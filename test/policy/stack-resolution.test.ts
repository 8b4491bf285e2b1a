import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { Annotations, App, Aspects, Fn, IAspect, Lazy, TerraformOutput, TerraformStack, Token } from "cdktf";
import { invokeAspects as cdktfInvokeAspects } from "cdktf/lib/synthesize/synthesizer";
import { Construct, IConstruct } from "constructs";
import { invokeAspects } from "../../lib/policy/stack-aspects";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { prepareStack, resolvedResources, resolvedStack } from "../../lib/policy/stack-resolution";
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

/** Two stacks; the second refers to the first in every way a token can hold a reference. */
function crossStackApp(): TerraformStack[] {
  const app = new App({ outdir: "/nonexistent" });
  const a = new TerraformStack(app, "a");
  new AzurermProvider(a, "azurerm", { features: [{}] });
  const group = new ResourceGroup(a, "Group", { name: "rg-a", location: "westeurope" });
  const b = new TerraformStack(app, "b");
  new AzurermProvider(b, "azurerm", { features: [{}] });
  const values: Record<string, unknown> = {
    plain: group.name,
    template: `${group.location}-suffix`,
    number: Token.asNumber(group.id),
    numberInString: `n=${Token.asNumber(group.managedBy)}`,
    list: Token.asList(group.tags),
    lazy: Lazy.stringValue({ produce: () => group.location }),
    joined: Fn.join("-", [group.name, "x"]),
    literal: "no token here, 3e8 is just text",
  };
  for (const [id, value] of Object.entries(values)) new TerraformOutput(b, id, { value });
  new ResourceGroup(b, "Tagged", { name: "rg-b", location: "westeurope", tags: { [group.name]: "keyed by a reference", plain: "v" } });
  return [a, b];
}

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

/** The lazy output of `crossStackApp` as written after this library's prepareStack, and as cdktf writes it. */
const REMOTE_LAZY = '"lazy":{"value":"${data.terraform_remote_state.cross-stack-reference-input-a.outputs.cross-stack-output-azurerm_resource_groupGrouplocation}"}';
const LOCAL_LAZY = '"lazy":{"value":"${azurerm_resource_group.Group.location}"}';

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

  test("with reusePrepared: the elements as prepareStack resolved them, the same JSON as toTerraform() gives after cdktf's prepareStack, for every reference stack and every kind of token (a lazy cross-stack reference made right)", () => {
    const synthesized = (prepare: (stack: TerraformStack) => void, json: (stack: TerraformStack) => unknown): string[] => {
      const app = new App({ outdir: "/nonexistent" });
      buildPlatform(app, referencePlatform, { apps: referenceApps, pins: referencePins, policy: false });
      const stacks = [...app.node.findAll().filter(TerraformStack.isStack), ...crossStackApp()];
      stacks.forEach(prepare);
      return stacks.map((stack) => `${stack.node.id} ${JSON.stringify(json(stack))}`);
    };
    const ours = synthesized(prepareStack, (stack) => resolvedStack(stack, true));
    const cdktf = synthesized((stack) => stack.prepareStack(), (stack) => stack.toTerraform());
    // but for a Lazy value that gives a reference to another stack: produced again to be written, it gives a new
    // reference, which cdktf writes as a reference within the stack (to a resource the stack does not have)
    expect(ours.at(-1)).toContain(REMOTE_LAZY);
    expect(cdktf.at(-1)).toContain(LOCAL_LAZY);
    expect(ours.map((json) => json.replace(REMOTE_LAZY, LOCAL_LAZY))).toEqual(cdktf);
    expect(ours.length).toBeGreaterThan(12);
  });

  test("a reference met many times resolves the same each time, across stacks too; a Lazy value is produced each time it is met, as cdktf does", () => {
    const build = () => {
      const [a, b] = crossStackApp();
      const group = a.node.findChild("Group") as ResourceGroup;
      let produced = 0;
      const counter = Lazy.stringValue({ produce: () => `call-${++produced}` });
      for (const id of ["first", "second"]) new TerraformOutput(b, `${id}-name`, { value: group.name });
      for (const id of ["first", "second"]) new TerraformOutput(b, `${id}-counter`, { value: counter });
      new TerraformOutput(a, "own-name", { value: group.name });
      return [a, b];
    };
    const ours = build();
    ours.forEach((stack) => prepareStack(stack));
    const cdktf = build();
    cdktf.forEach((stack) => stack.prepareStack());
    const written = ours.map((stack) => JSON.stringify(resolvedStack(stack, true)));
    // cdktf produces the Lazy values twice (to prepare, then to write): call-3 and call-4; and see the test above
    const expected = cdktf.map((stack) => JSON.stringify(stack.toTerraform()).replace(/call-\d+/g, (call) => `call-${Number(call.slice(5)) - 2}`));
    expect(written.map((json) => json.replace(REMOTE_LAZY, LOCAL_LAZY))).toEqual(expected);
    const output = (json: string) => JSON.parse(json).output;
    expect(output(written[1])["first-name"].value).toBe("${data.terraform_remote_state.cross-stack-reference-input-a.outputs.cross-stack-output-azurerm_resource_groupGroupname}");
    expect(output(written[1])["second-name"]).toEqual(output(written[1])["first-name"]);
    expect(output(written[0])["own-name"].value).toBe("${azurerm_resource_group.Group.name}");
    expect([output(written[1])["first-counter"].value, output(written[1])["second-counter"].value]).toEqual(["call-1", "call-2"]);
  });

  test("without reusePrepared, a change made after prepareStack is written; the prepared JSON is taken once", () => {
    const [a] = crossStackApp();
    const group = a.node.findChild("Group") as ResourceGroup;
    prepareStack(a);
    group.location = "northeurope";
    expect((resolvedStack(a).resource as any).azurerm_resource_group.Group.location).toBe("northeurope");
    prepareStack(a);
    group.location = "swedencentral";
    // told that nothing changed, it takes what prepareStack resolved, and only the first time
    expect((resolvedStack(a, true).resource as any).azurerm_resource_group.Group.location).toBe("northeurope");
    expect((resolvedStack(a, true).resource as any).azurerm_resource_group.Group.location).toBe("swedencentral");
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
