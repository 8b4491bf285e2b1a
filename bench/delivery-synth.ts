// Synthesizes the reference platform's three environments with N apps each, with or without delivery settings
// (delivery adds the delivery stack and the generated pipelines), into an output folder:
//   node -r ./register.js bench/delivery-synth.ts <N> <with delivery: 0|1> <outdir>
// The pipelines are generated from the stack graph at synth; the time they take alone is written to
// <outdir>/../<outdir name>.pipelines-ms, so the runner can set it against the whole synth.
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { App } from "cdktf";
import { referencePlatform } from "../environments";
import { AppSpec } from "../lib/apps/app-spec";
import { appStackGraph, renderPipelines } from "../lib/delivery/pipeline-files";
import { buildPlatform } from "../stacks/build-platform";

const count = Number(process.argv[2]);
const withDelivery = process.argv[3] === "1";
const outdir = process.argv[4];
if (!Number.isInteger(count) || count < 1 || !outdir) {
  console.error("usage: node -r ./register.js bench/delivery-synth.ts <number of apps> <0|1> <outdir>");
  process.exit(2);
}

const apps: AppSpec[] = [];
const pins: Record<string, Record<string, string>> = { dev: {}, staging: {}, prod: {} };
for (let i = 0; i < count; i++) {
  const name = `app${String(i).padStart(4, "0")}`;
  apps.push({ name, port: 8080, replicas: 2, env: { APP_INDEX: String(i) }, ...(i % 3 === 0 ? { secrets: { DB_PASSWORD: { keyVaultSecret: `${name}-db` } } } : {}) });
  for (const env of Object.keys(pins)) pins[env][name] = `acrcontosodev.azurecr.io/${name}:1.0.${i}@sha256:${createHash("sha256").update(name).digest("hex")}`;
}

const spec = withDelivery ? referencePlatform : { ...referencePlatform, delivery: undefined, environments: referencePlatform.environments.map((e) => ({ ...e, delivery: undefined })) };
const app = new App({ outdir });
const built = buildPlatform(app, spec, { apps, pins });
app.synth();
if (built.delivery) {
  // The generation alone, once more outside synth, to set against the whole synth.
  const start = process.hrtime.bigint();
  renderPipelines(built.platform, appStackGraph(built.delivery));
  fs.writeFileSync(path.join(path.dirname(outdir), `${path.basename(outdir)}.pipelines-ms`), String(Number(process.hrtime.bigint() - start) / 1e6));
}
