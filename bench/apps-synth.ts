// Synthesizes one environment (the reference dev environment) with N apps into an output folder:
//   node -r ./register.js bench/apps-synth.ts <N> <outdir>
// Every app has config and environment variables, every third one a Key Vault secret, every fifth one an
// ingress and every other one autoscaling, so the objects resemble a real mix.
import { createHash } from "crypto";
import { App } from "cdktf";
import { dev } from "../environments/dev";
import { AppSpec } from "../lib/apps/app-spec";
import { buildPlatform } from "../stacks/build-platform";

const count = Number(process.argv[2]);
const outdir = process.argv[3];
if (!Number.isInteger(count) || count < 1 || !outdir) {
  console.error("usage: node -r ./register.js bench/apps-synth.ts <number of apps> <outdir>");
  process.exit(2);
}

const apps: AppSpec[] = [];
const pins: Record<string, string> = {};
for (let i = 0; i < count; i++) {
  const name = `app${String(i).padStart(4, "0")}`;
  apps.push({
    name,
    port: 8080,
    ...(i % 2 === 0 ? { autoscale: { minReplicas: 2, maxReplicas: 6 } } : { replicas: 2 }),
    probes: { readiness: { path: "/ready" }, liveness: { path: "/live" } },
    env: { LOG_LEVEL: "info", APP_INDEX: String(i) },
    config: { "settings.json": JSON.stringify({ name, index: i }) },
    ...(i % 3 === 0 ? { secrets: { DB_PASSWORD: { keyVaultSecret: `${name}-db-password` } } } : {}),
    ...(i % 5 === 0 ? { ingress: { host: `${name}.dev.contoso.com` } } : {}),
  });
  pins[name] = `acrcontosodev.azurecr.io/${name}:1.0.${i}@sha256:${createHash("sha256").update(name).digest("hex")}`;
}

const app = new App({ outdir });
// the reference dev environment without its delivery settings (they need the platform's, which are not the point)
buildPlatform(app, { project: "contoso", environments: [{ ...dev, delivery: undefined }] }, { apps, pins: { dev: pins } });
app.synth();
