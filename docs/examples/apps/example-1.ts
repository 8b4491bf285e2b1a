// Extracted from docs/apps.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { PlatformSpec } from "cdktf-gitops";
declare const platformSpec: PlatformSpec;
// (setup above: hidden in the document)
import { App } from "cdktf";
import { AppSpec, buildPlatform, readPinFiles } from "cdktf-gitops";

const web: AppSpec = {
  name: "web",
  image: "acrcontosodev.azurecr.io/web",          // pins must name this repository
  port: 8080,
  replicas: 2,
  probes: { readiness: { path: "/healthz/ready" }, liveness: { path: "/healthz/live" } },
  env: { LOG_LEVEL: "info" },
  config: { "settings.json": '{ "featureFlags": {} }\n' },     // mounted at /etc/web
  secrets: { DB_PASSWORD: { keyVaultSecret: "web-db-password" } }, // Key Vault references only
  ingress: { host: "shop.contoso.com", tlsSecretName: "shop-tls" },
  alerts: { maxRestartsIn15m: 5 },
  environments: {
    dev: { replicas: 1, env: { LOG_LEVEL: "debug" } },
    prod: { autoscale: { minReplicas: 3, maxReplicas: 10 }, ingress: { host: "shop.contoso.com" } },
  },
};

const app = new App();
buildPlatform(app, platformSpec, { apps: [web], pins: readPinFiles("environments/pins") });
app.synth();
