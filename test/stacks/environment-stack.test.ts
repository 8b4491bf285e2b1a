import { App, TerraformStack } from "cdktf";
import { resolvePlatform } from "../../lib";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { platformSpec } from "../support/fixtures";

describe("EnvironmentStack.ensureBackendExists", () => {
  const platform = resolvePlatform(platformSpec({ remoteState: { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope" } }));
  const environment = platform.environments[0];

  test("finds the backend cdktf's finds (the stack's own, remote or local) without cdktf's walk", () => {
    const kinds: string[] = [];
    for (const remoteState of [platform.remoteState, undefined]) {
      const stack = new EnvironmentStack(new App(), "backend", { platform: { ...platform, remoteState }, environment });
      // `findAll` is private in cdktf's typings: what its `ensureBackendExists` walks the stack with
      const cdktfWalk = jest.spyOn(stack as unknown as { findAll(predicate: unknown): unknown[] }, "findAll");
      const found = stack.ensureBackendExists();
      expect(cdktfWalk).not.toHaveBeenCalled();
      expect(found).toBe(TerraformStack.prototype.ensureBackendExists.call(stack));
      expect(found.node.scope).toBe(stack);
      kinds.push(found.constructor.name);
    }
    expect(kinds).toEqual(["AzurermBackend", "LocalBackend"]);
  });
});
