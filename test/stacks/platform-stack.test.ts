import { App } from "cdktf";
import { buildPlatform } from "../../stacks/build-platform";
import { platformSpec } from "../support/fixtures";
import { danglingReferences, onlyResource, synthJson } from "../support/terraform-json";

describe("PlatformStack", () => {
  const stacks = buildPlatform(new App(), platformSpec());

  test.each(["dev", "staging", "prod"])("%s-platform references only what it defines", (env) => {
    const json = synthJson(stacks.environments[env].platform);
    expect(danglingReferences(json)).toEqual([]);
    expect(onlyResource(json, "azurerm_kubernetes_cluster").name).toBe(`aks-contoso-${env}`);
  });

  test.each(["dev", "staging", "prod"])("%s-platform matches its snapshot", (env) => {
    expect(synthJson(stacks.environments[env].platform)).toMatchSnapshot();
  });
});
