// Synthesizes one environment (the reference dev environment) with N apps into an output folder:
//   node -r ./register.js bench/apps-synth.ts <N> <outdir>
// (the apps: bench/apps-fixture.ts)
import { App } from "cdktf";
import { buildPlatform } from "../stacks/build-platform";
import { appsFixture } from "./apps-fixture";

const count = Number(process.argv[2]);
const outdir = process.argv[3];
if (!Number.isInteger(count) || count < 1 || !outdir) {
  console.error("usage: node -r ./register.js bench/apps-synth.ts <number of apps> <outdir>");
  process.exit(2);
}
const { spec, apps, pins } = appsFixture(count);
const app = new App({ outdir });
buildPlatform(app, spec, { apps, pins });
app.synth();
