// Extracted from README.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { TerraformStack } from "cdktf";
import { Environment, FluxGitOps, GitSource } from "cdktf-gitops";
declare const stack: TerraformStack;
declare const cluster: { readonly id: string };
declare const environment: Environment;
// (setup above: hidden in the document)
new FluxGitOps(stack, "Flux", {
  clusterId: cluster.id,
  name: "flux-contoso-dev",
  source: GitSource.ofEnvironment(stack, "Source", environment),
  extensionVersion: "1.19.5",          // pinned (default FLUX_EXTENSION_VERSION)
  retryInterval: "30s",
});
