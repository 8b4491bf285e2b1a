import * as path from "path";
import { AppSpec } from "../lib/apps/app-spec";
import { AppPins } from "../lib/apps/pins";
import { readPinFiles } from "../lib/apps/pins";

/** The web frontend: public through the AKS application routing add-on, autoscaled in staging and prod. */
export const web: AppSpec = {
  name: "web",
  image: "acrcontosodev.azurecr.io/web",
  port: 8080,
  replicas: 2,
  resources: { cpu: "100m", memory: "128Mi" },
  probes: { readiness: { path: "/healthz/ready" }, liveness: { path: "/healthz/live", initialDelaySeconds: 10 } },
  env: { API_URL: "http://api.api.svc.cluster.local", LOG_LEVEL: "info" },
  config: { "settings.json": `${JSON.stringify({ featureFlags: { newCheckout: false } }, null, 2)}\n` },
  ingress: { host: "shop.dev.contoso.com", tlsSecretName: "shop-tls" },
  alerts: { maxRestartsIn15m: 5 },
  environments: {
    dev: { replicas: 1, env: { LOG_LEVEL: "debug" }, config: { "settings.json": `${JSON.stringify({ featureFlags: { newCheckout: true } }, null, 2)}\n` } },
    staging: { autoscale: { minReplicas: 2, maxReplicas: 4 }, ingress: { host: "shop.staging.contoso.com", tlsSecretName: "shop-tls" } },
    prod: {
      autoscale: { minReplicas: 3, maxReplicas: 10, targetCpuUtilizationPercent: 60 },
      resources: { cpu: "250m", memory: "256Mi" },
      ingress: { host: "shop.contoso.com", tlsSecretName: "shop-tls" },
    },
  },
};

/** The API: internal, reachable from the web frontend's namespace, reads its database password from Key Vault (the file /mnt/secrets-store/DB_PASSWORD). */
export const api: AppSpec = {
  name: "api",
  image: "acrcontosodev.azurecr.io/api",
  port: 8000,
  replicas: 2,
  resources: { cpu: "200m", memory: "256Mi", memoryLimit: "512Mi" },
  probes: {
    startup: { path: "/health", failureThreshold: 30, periodSeconds: 2 },
    readiness: { path: "/health" },
    liveness: { path: "/health" },
  },
  env: { DB_HOST: "psql-contoso.postgres.database.azure.com", DB_USER: "api" },
  secrets: { DB_PASSWORD: { keyVaultSecret: "api-db-password" } },
  allowFromNamespaces: ["web"],
  alerts: { unavailableFor: "5m" },
  environments: {
    dev: { replicas: 1 },
    prod: { autoscale: { minReplicas: 3, maxReplicas: 12 }, alerts: { unavailableFor: "3m", severity: 1 } },
  },
};

/** The reference platform's apps. */
export const referenceApps: readonly AppSpec[] = [web, api];

/**
 * The pinned images of each environment, from `environments/pins/<env>.json` (rewritten by
 * `cdktf-gitops promote`). An app is deployed to every environment that pins it.
 */
export const referencePins: AppPins = readPinFiles(path.join(__dirname, "pins"));
