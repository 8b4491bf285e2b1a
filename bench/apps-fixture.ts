// The apps of the synth benchmarks: N apps in the reference dev environment (bench/apps-synth.ts, bench/synth-phases.ts).
// Every app has config and environment variables, every third one a Key Vault secret, every fifth one an
// ingress and every other one autoscaling, so the objects resemble a real mix.
import { createHash } from "crypto";
import { dev } from "../environments/dev";
import { AppSpec } from "../lib/apps/app-spec";
import { PlatformSpec } from "../lib/environment/environment-spec";

/** The platform (the reference dev environment without its delivery settings), N apps and their pins. */
export function appsFixture(count: number): { spec: PlatformSpec; apps: AppSpec[]; pins: Record<string, Record<string, string>> } {
  if (!Number.isInteger(count) || count < 1) throw new Error(`the number of apps must be a whole number of 1 or more, not ${count}`);
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
  // the delivery settings need the platform's, which are not the point here
  return { spec: { project: "contoso", environments: [{ ...dev, delivery: undefined }] }, apps, pins: { dev: pins } };
}
