import { App } from "cdktf";
import { buildPlatform } from "../../stacks/build-platform";
import { azureDevOpsApps, azureDevOpsPins, azureDevOpsPlatform } from "./platform";

// The cdktf app of the Azure DevOps example, synthesized like the reference main.ts: the stacks, the delivery
// stack's identities for workload identity federation service connections, and cdktf.out/pipelines/azure-devops/.
const app = new App();
buildPlatform(app, azureDevOpsPlatform, { apps: azureDevOpsApps, pins: azureDevOpsPins });
app.synth();
