// Extracted from docs/sync.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import type { EnvironmentSpec as Full } from "cdktf-gitops";
type EnvironmentSpec = Partial<Full>; // the example leaves out fields (// ...)
// (setup above: hidden in the document)
export const dev: EnvironmentSpec = {
  name: "dev",
  // ...
  sync: "flux",            // or "argocd"
  gitops: { url: "https://github.com/contoso/platform-gitops.git", branch: "main" },
};
