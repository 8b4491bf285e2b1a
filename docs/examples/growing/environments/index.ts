// Extracted from docs/growing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import * as path from "path";
import { AppPins, PlatformSpec, readPinFiles } from "cdktf-gitops";
import { dev } from "./dev";
import { prod } from "./prod";
import { staging } from "./staging";

export { apps } from "./apps";

export const platform: PlatformSpec = {
  project: "acme",
  environments: [dev, staging, prod],
  remoteState: { resourceGroupName: "rg-acme-tfstate", storageAccountName: "stacmetfstate", location: "westeurope" },
};

/** environments/pins/<env>.json: the image each environment runs, by digest. */
export const pins: AppPins = readPinFiles(path.join(__dirname, "pins"));
