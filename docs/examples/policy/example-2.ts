// Extracted from docs/policy.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { App } from "cdktf";
import { buildPlatform, PlatformSpec } from "cdktf-gitops";
declare const spec: PlatformSpec;
// (setup above: hidden in the document)
import {
  COMPLIANT, DEFAULT_POLICY_PACKS, defineRule, definePolicyPack, eachContainer, expectEquals, nonCompliant, WORKLOAD_KINDS,
} from "cdktf-gitops";

// Terraform: our Key Vaults use the premium SKU (HSM-backed keys).
export const vaultPremium = defineRule({
  target: "terraform",
  id: "CONTOSO-KV-1",
  severity: "error",
  resourceTypes: ["azurerm_key_vault"],
  what: "The Key Vault uses the premium SKU.",
  why: "Contoso's key policy requires HSM-protected keys.",
  fix: "Set the vault's sku_name to premium.",
  evaluate: (resource) => expectEquals(resource.body, "sku_name", "premium"),
});

// Kubernetes: images come from our registries only.
export const ownRegistries = defineRule({
  target: "kubernetes",
  id: "CONTOSO-POD-1",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "Every container image comes from a contoso registry.",
  why: "Only images that went through our build pipeline and scanning may run.",
  fix: "Build the image in the contoso pipeline and pin it from acrcontoso*.azurecr.io.",
  evaluate: (object) =>
    eachContainer(object, (container) => (/^acrcontoso[a-z0-9]*\.azurecr\.io\//.test(String(container.image)) ? undefined : `image ${String(container.image)} is not ours`)),
});

// A rule may also look at the other resources of its stack (context.resources) or objects (context.objects).
export const tagged = defineRule({
  target: "terraform",
  id: "CONTOSO-TAG-1",
  severity: "warning",
  resourceTypes: ["azurerm_resource_group"],
  what: "Resource groups carry a cost-center tag.",
  why: "Finance allocates the bill by cost center.",
  fix: "Set the environment's tags.cost-center.",
  evaluate: (resource) => ((resource.body.tags as Record<string, string> | undefined)?.["cost-center"] ? COMPLIANT : nonCompliant("no cost-center tag")),
});

const contoso = definePolicyPack("contoso", "Contoso's own rules.", [vaultPremium, ownRegistries, tagged]);

const app = new App();
buildPlatform(app, spec, { policy: { packs: [...DEFAULT_POLICY_PACKS, contoso] } });
app.synth();
