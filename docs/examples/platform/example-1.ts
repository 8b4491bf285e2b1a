// Extracted from docs/platform.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { TerraformStack } from "cdktf";
import { AksCluster, ContainerRegistry, Environment, EnvironmentResourceGroup, FluxGitOps, GitSource, KeyVault, Network } from "cdktf-gitops";
declare const stack: TerraformStack;
declare const environment: Environment;
// (setup above: hidden in the document)
// A registry and a vault for a cluster and a network that another team runs.
const resourceGroup = EnvironmentResourceGroup.fromName(stack, "SharedGroup", "rg-shared");
const cluster = AksCluster.fromName(stack, "SharedCluster", { cluster: { name: "aks-shared", resourceGroupName: "rg-shared" } });
new ContainerRegistry(stack, "Registry", { environment, resourceGroup, cluster }); // AcrPull for its kubelet identity
new KeyVault(stack, "Vault", { environment, resourceGroup, network: Network.fromNodeSubnetId("/subscriptions/…/subnets/nodes") });
new FluxGitOps(stack, "Flux", { cluster, name: "flux-contoso-dev", source: GitSource.ofEnvironment(stack, "Source", environment) });
