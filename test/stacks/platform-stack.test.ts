import { App } from "cdktf";
import { buildPlatform } from "../../stacks/build-platform";
import { platformSpec } from "../support/fixtures";
import { danglingReferences, onlyResource, resourceAt, resourcesOf, synthJson } from "../support/terraform-json";

const REMOTE_STATE = { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope" };

describe("PlatformStack", () => {
  const stacks = buildPlatform(new App(), platformSpec({ remoteState: REMOTE_STATE }));

  test.each(["dev", "staging", "prod"])("%s-platform references only what it defines", (env) => {
    const json = synthJson(stacks.environments[env].platform);
    expect(danglingReferences(json)).toEqual([]);
    expect(onlyResource(json, "azurerm_kubernetes_cluster").name).toBe(`aks-contoso-${env}`);
  });

  test.each(["dev", "staging", "prod"])("%s-platform keeps state in the shared account under <env>/platform.tfstate", (env) => {
    const json = synthJson(stacks.environments[env].platform);
    expect(json.terraform?.backend).toEqual({
      azurerm: {
        resource_group_name: "rg-contoso-tfstate",
        storage_account_name: "stcontosotfstate",
        container_name: "tfstate",
        key: `${env}/platform.tfstate`,
        use_azuread_auth: true,
        use_oidc: true,
      },
    });
    expect(json.provider?.azurerm[0]).toMatchObject({ storage_use_azuread: true, use_oidc: true });
  });

  test("later environments of the promotion chain may pull the promoted images from the first environment's registry", () => {
    const built = buildPlatform(new App(), platformSpec());
    for (const env of ["staging", "prod"]) {
      const stack = built.environments[env].platform;
      stack.prepareStack();
      const json = synthJson(stack);
      const pull = resourceAt(json, "azurerm_role_assignment", "PromotedImagesAcrPull");
      expect(pull.role_definition_name).toBe("AcrPull");
      expect(pull.principal_id).toMatch(/^\$\{azurerm_kubernetes_cluster\.Cluster_[A-F0-9]+\.kubelet_identity\[0\]\.object_id\}$/);
      expect(pull.scope).toMatch(/^\$\{data\.terraform_remote_state\.cross-stack-reference-input-dev-platform\.outputs\.[^}]*Registry[^}]*id\}$/);
      expect(stack.dependencies).toContain(built.environments.dev.platform);
    }
    // dev's own AcrPull only (besides the cluster's Network Contributor on its subnet): the later environments' grants live in their stacks.
    expect(resourcesOf(synthJson(built.environments.dev.platform), "azurerm_role_assignment").map((a) => a.role_definition_name).sort()).toEqual(["AcrPull", "Network Contributor"]);
  });

  test("platform stacks depend on the state stack", () => {
    expect(stacks.environments.dev.platform.dependencies).toContain(stacks.state);
  });

  test("without remote state there is no state stack and stacks keep local state at the project root, by relative path", () => {
    const local = buildPlatform(new App(), platformSpec());
    expect(local.state).toBeUndefined();
    expect(synthJson(local.environments.dev.platform).terraform?.backend).toEqual({ local: { path: "../../../terraform.dev-platform.tfstate" } });
    local.environments.dev.monitoring.prepareStack();
    const monitoring = synthJson(local.environments.dev.monitoring);
    const remoteStates = Object.values(monitoring.data?.terraform_remote_state ?? {}) as any[];
    expect(remoteStates.map((state) => state.config.path)).toEqual(["../../../terraform.dev-platform.tfstate"]);
  });

  test("an environment's subscription id configures its provider", () => {
    const spec = platformSpec();
    const withSubscription = {
      ...spec,
      environments: spec.environments.map((e) => (e.name === "prod" ? { ...e, subscriptionId: "0b1f6471-1bf0-4dda-aec3-cb9272f09590" } : e)),
    };
    const built = buildPlatform(new App(), withSubscription);
    expect(synthJson(built.environments.prod.platform).provider?.azurerm[0].subscription_id).toBe("0b1f6471-1bf0-4dda-aec3-cb9272f09590");
    expect(synthJson(built.environments.dev.platform).provider?.azurerm[0].subscription_id).toBeUndefined();
  });

  test.each(["dev", "staging", "prod"])("%s-platform matches its snapshot", (env) => {
    expect(synthJson(stacks.environments[env].platform)).toMatchSnapshot();
  });
});
