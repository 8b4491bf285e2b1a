// Extracted from docs/growing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { AppSpec } from "cdktf-gitops";
export const apps: readonly AppSpec[] = [{ name: "hello", port: 8080, runAsUser: 101, replicas: 1 }];
