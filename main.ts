import { App } from "cdktf";
import { referencePlatform } from "./environments";
import { buildPlatform } from "./stacks/build-platform";

const app = new App();
buildPlatform(app, referencePlatform);
app.synth();
