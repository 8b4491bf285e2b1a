// Extracted from docs/install.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { AppSpec } from "cdktf-gitops";
export const apps: AppSpec[] = [];
