// Extracted from README.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
// main.ts
import { App } from "cdktf";
import { AppSpec, buildPlatform, EnvironmentSpec, PlatformSpec, readPinFiles } from "cdktf-gitops";

const dev: EnvironmentSpec = {
  name: "dev",
  location: "westeurope",
  tier: "dev",                                          // dev | staging | prod: drives the defaults
  addressSpace: "10.10.0.0/16",
  cluster: { kubernetesVersion: "1.33", adminGroupObjectIds: ["8f3d2c71-5b4a-4e8e-9c1d-2a7b6e5f4d30"], apiServerAuthorizedIpRanges: ["203.0.113.0/24"] },
  sync: "flux",                                         // or "argocd"
  gitops: { url: "https://github.com/acme/platform-gitops.git" },
  owners: ["platform-team@acme.com"],
};
const web: AppSpec = { name: "web", image: "acracmedev.azurecr.io/web", port: 8080 };
const platform: PlatformSpec = { project: "acme", environments: [dev] };

const app = new App();
buildPlatform(app, platform, { apps: [web], pins: readPinFiles("environments/pins") }); // { "dev": { "web": "…@sha256:…" } }
app.synth();
