/**
 * The empty cdktf app of floor-app.ts after loading every third-party module the reference platform loads (the
 * list bench/loaded-modules.js wrote, given as the first argument): what it adds to the floor is what the
 * dependencies cost (the provider bindings, zod, the Kubernetes schema validators, secretlint) before a line
 * of the library runs.
 */
import * as fs from "fs";
import { App, TerraformStack } from "cdktf";

for (const file of fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean)) require(file);

const app = new App();
new TerraformStack(app, "empty");
app.synth();
