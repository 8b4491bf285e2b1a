import { App } from "cdktf";
import { referenceApps, referencePins, referencePlatform } from "./environments";
import { buildPlatform } from "./stacks/build-platform";

const app = new App();
buildPlatform(app, referencePlatform, { apps: referenceApps, pins: referencePins });
app.synth();
