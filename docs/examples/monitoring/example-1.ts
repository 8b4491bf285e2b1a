// Extracted from docs/monitoring.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import type { AppSpec as Full } from "cdktf-gitops";
type AppSpec = Partial<Full>; // the example leaves out fields (// ...)
// (setup above: hidden in the document)
export const web: AppSpec = {
  name: "web",
  // ...
  alerts: {
    unavailableFor: "2m",   // whole minutes or hours, 1m-24h
    maxRestartsIn15m: 5,    // 1-100
    severity: 0,            // Azure Monitor severity 0 (critical) - 4 (verbose)
  },
};
