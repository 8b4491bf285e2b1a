// Extracted from docs/install.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { PlatformSpec } from "cdktf-gitops";
declare const spec: PlatformSpec;
// (setup above: hidden in the document)
import { App } from "cdktf";
import { AksCluster, EnvironmentResourceGroup, EnvironmentStack, Network, resolvePlatform } from "cdktf-gitops";

const platform = resolvePlatform(spec);           // validates and applies the tier defaults
const environment = platform.environments[0];
const app = new App();
const stack = new EnvironmentStack(app, "cluster", { platform, environment }); // id: <env>-cluster
const resourceGroup = new EnvironmentResourceGroup(stack, "ResourceGroup", { environment });
const network = new Network(stack, "Network", { environment, resourceGroup });
new AksCluster(stack, "Cluster", { environment, resourceGroup, network });
app.synth();
