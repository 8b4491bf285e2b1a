// Extracted from docs/policy.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { App } from "cdktf";
import { buildPlatform, PlatformSpec, suppressPolicy } from "cdktf-gitops";
declare const spec: PlatformSpec;
// (setup above: hidden in the document)
const app = new App();
const stacks = buildPlatform(app, spec);

// One rule on one construct, with an expiry: after 2026-09-30 the finding fails synth again.
suppressPolicy(stacks.environments.dev.platform.containerRegistry, [
  { ruleId: "GITOPS-ACR-1", reason: "the legacy build agent still logs in with the admin user; INC-4711 moves it to OIDC", expires: "2026-09-30" },
]);

// A Kubernetes rule for one object of a stack that writes several.
suppressPolicy(stacks.environments.dev.apps.api, [
  { ruleId: "GITOPS-POD-21", objects: ["Deployment/api/api"], reason: "the vendor image runs as user 1001; rebuilding it is tracked in PLAT-231" },
]);
app.synth();
