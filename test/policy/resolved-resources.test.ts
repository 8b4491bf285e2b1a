import { ContainerRegistry } from "@cdktf/provider-azurerm/lib/container-registry";
import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { App, TerraformStack } from "cdktf";
import { referenceApps, referencePins, referencePlatform } from "../../environments";
import { resolvedResources, resolvedStack } from "../../lib/policy/resolved-resources";
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
