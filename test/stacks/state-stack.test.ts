import { App } from "cdktf";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { RemoteStateStorage } from "../../lib/platform/remote-state-storage";
import { StateStack } from "../../stacks/state-stack";
import { platformSpec } from "../support/fixtures";
import { danglingReferences, onlyResource, synthJson } from "../support/terraform-json";

const platform = resolvePlatform(
  platformSpec({ remoteState: { resourceGroupName: "rg-contoso-tfstate", storageAccountName: "stcontosotfstate", location: "westeurope" } }),
);
const json = synthJson(new StateStack(new App(), { state: platform.remoteState! }));

describe("StateStack", () => {
  test("keeps its own state in a local file", () => {
    expect(json.terraform?.backend).toEqual({ local: { path: "../../../terraform.state.tfstate" } });
  });

  test("creates a locked-down storage account for state", () => {
    const account = onlyResource(json, "azurerm_storage_account");
    expect(account).toMatchObject({
      name: "stcontosotfstate",
      min_tls_version: "TLS1_2",
      https_traffic_only_enabled: true,
      allow_nested_items_to_be_public: false,
      shared_access_key_enabled: false,
      default_to_oauth_authentication: true,
      infrastructure_encryption_enabled: true,
      account_replication_type: "ZRS",
      lifecycle: { prevent_destroy: true },
    });
    expect(account.blob_properties).toEqual({
      versioning_enabled: true,
      delete_retention_policy: { days: 30 },
      container_delete_retention_policy: { days: 30 },
    });
  });

  test("creates a private container and uses azure ad for storage", () => {
    expect(onlyResource(json, "azurerm_storage_container")).toMatchObject({ name: "tfstate", container_access_type: "private" });
    expect(json.provider?.azurerm[0].storage_use_azuread).toBe(true);
    expect(danglingReferences(json)).toEqual([]);
  });

  test("rejects a soft delete retention out of range", () => {
    const stack = new StateStack(new App(), { state: platform.remoteState! });
    expect(() => new RemoteStateStorage(stack, "Other", { state: platform.remoteState!, softDeleteRetentionDays: 400 })).toThrow(
      "state/Other: softDeleteRetentionDays 400 is out of range; use 1-365",
    );
  });

  test("matches its snapshot", () => {
    expect(json).toMatchSnapshot();
  });
});
