// Extracted from docs/install.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { EnvironmentSpec } from "cdktf-gitops";
export declare const dev: EnvironmentSpec;
