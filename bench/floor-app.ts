/** The floor of the synth benchmark: an empty cdktf app, run the same way as main.ts. */
import { App, TerraformStack } from "cdktf";

const app = new App();
new TerraformStack(app, "empty");
app.synth();
