// Extracted from docs/sync.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { TerraformStack } from "cdktf";
import { Environment, FluxGitOps, GitSource } from "cdktf-gitops";
declare const stack: TerraformStack;
declare const cluster: { readonly id: string };
declare const environment: Environment;
// (setup above: hidden in the document)
// cluster: an AksCluster of the same stack, or an existing one:
// AksCluster.fromName(stack, "Cluster", { cluster: { name: "aks-contoso-dev", resourceGroupName: "rg-contoso-dev" } })
new FluxGitOps(stack, "Flux", {
  cluster,
  name: "flux-contoso-dev",
  source: GitSource.ofEnvironment(stack, "Source", environment),
  extensionVersion: "1.19.5",          // pinned (default FLUX_EXTENSION_VERSION)
  retryInterval: "30s",
});
