// Extracted from docs/testing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { App } from "cdktf";
import { buildPlatform, PlatformSpec } from "cdktf-gitops";
import { apps, pins, platform } from "../environments";

test("an image without a digest is refused", () => {
  expect(() => buildPlatform(new App(), platform, { apps, pins: { dev: { hello: "nginx:latest" } } })).toThrow(/is not pinned; use an image reference with @sha256/);
});

test("an API server open to the internet is refused", () => {
  const open: PlatformSpec = {
    ...platform,
    environments: platform.environments.map((e) => ({ ...e, cluster: { ...e.cluster, apiServerAuthorizedIpRanges: [] } })),
  };
  expect(() => buildPlatform(new App(), open, { apps, pins })).toThrow(/the api server is open to the internet/);
});
