// Extracted from docs/testing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { App, Testing } from "cdktf";
import { buildPlatform } from "cdktf-gitops";
import { apps, pins, platform } from "../environments";

const { environments } = buildPlatform(new App(), platform, { apps, pins });
const json = JSON.parse(Testing.synth(environments.dev.platform));
const clusters = Object.values(json.resource.azurerm_kubernetes_cluster) as any[];

test("dev has one cluster, Azure AD RBAC on, local accounts off", () => {
  expect(clusters).toHaveLength(1);
  expect(clusters[0].local_account_disabled).toBe(true);
  expect(clusters[0].azure_active_directory_role_based_access_control.azure_rbac_enabled).toBe(true);
});

test("every app of dev has its own stack", () => {
  expect(Object.keys(environments.dev.apps)).toEqual(Object.keys(pins.dev ?? {}));
});
