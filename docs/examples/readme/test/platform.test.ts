// Extracted from README.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { App, Testing } from "cdktf";
import { buildPlatform } from "cdktf-gitops";
import { platform } from "../environments";

test("prod platform", () => {
  const { environments } = buildPlatform(new App(), platform);
  expect(JSON.parse(Testing.synth(environments.prod.platform))).toMatchSnapshot();
});
