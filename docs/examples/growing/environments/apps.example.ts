// Extracted from docs/growing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { AppSpec } from "cdktf-gitops";

export const hello: AppSpec = {
  name: "hello",
  port: 8080,
  runAsUser: 101,
  replicas: 1,
  probes: { readiness: { path: "/" }, liveness: { path: "/" } },
  environments: {
    staging: { replicas: 2 },
    prod: { autoscale: { minReplicas: 3, maxReplicas: 10 }, resources: { cpu: "250m", memory: "256Mi" } },
  },
};
