// Extracted from docs/install.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { App } from "cdktf";
import { buildPlatform, PlatformSpec, readPinFiles } from "cdktf-gitops";
import { apps } from "./environments/apps";
import { dev } from "./environments/dev";
import { prod } from "./environments/prod";

const platform: PlatformSpec = { project: "acme", environments: [dev, prod] };

const app = new App();
const { environments } = buildPlatform(app, platform, { apps, pins: readPinFiles("environments/pins") });
// environments.prod.platform.cluster, .keyVault, .containerRegistry ... are there for your own stacks
console.log(Object.keys(environments));
app.synth();
