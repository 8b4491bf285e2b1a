// Extracted from docs/testing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { AppPins, AppSpec, PlatformSpec } from "cdktf-gitops";
export const platform: PlatformSpec = {
  project: "acme",
  environments: [{
    name: "dev", location: "westeurope", tier: "dev", addressSpace: "10.10.0.0/16",
    cluster: { kubernetesVersion: "1.33", adminGroupObjectIds: ["00000000-0000-0000-0000-000000000000"], apiServerAuthorizedIpRanges: ["203.0.113.0/24"] },
    gitops: { url: "https://github.com/acme/acme-gitops.git" }, owners: ["platform@acme.example"],
  }],
};
export const apps: readonly AppSpec[] = [{ name: "hello", port: 8080 }];
export const pins: AppPins = { dev: { hello: "docker.io/nginxinc/nginx-unprivileged:1.27-alpine@sha256:65e3e85dbaed8ba248841d9d58a899b6197106c23cb0ff1a132b7bfe0547e4c0" } };
