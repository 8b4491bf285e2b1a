#!/usr/bin/env node
// `npm run validate:terraform`: runs `terraform init -backend=false` and `terraform validate` in every
// synthesized stack of cdktf.out/stacks. Needs the terraform binary and network access to download the
// providers, so it is not part of `npm test`; run it where you have both (e.g. in your CI).
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const outdir = path.resolve(process.env.CDKTF_OUTDIR ?? "cdktf.out");
const stacksDir = path.join(outdir, "stacks");
if (!fs.existsSync(stacksDir)) {
  console.error(`no synthesized stacks in ${stacksDir}; run \`npm run synth\` first`);
  process.exit(2);
}
const probe = spawnSync("terraform", ["version"], { encoding: "utf8" });
if (probe.error || probe.status !== 0) {
  console.error("terraform is not on PATH; install terraform >= 1.5 to validate the stacks");
  process.exit(2);
}

const failed = [];
for (const stack of fs.readdirSync(stacksDir).sort()) {
  const cwd = path.join(stacksDir, stack);
  for (const args of [["init", "-backend=false", "-input=false", "-no-color"], ["validate", "-no-color"]]) {
    const result = spawnSync("terraform", args, { cwd, encoding: "utf8" });
    if (result.status !== 0) {
      failed.push(stack);
      console.error(`${stack}: terraform ${args[0]} failed\n${result.stdout}${result.stderr}`);
      break;
    }
  }
  if (!failed.includes(stack)) console.log(`${stack}: valid`);
}
console.log(`${fs.readdirSync(stacksDir).length - failed.length} valid, ${failed.length} invalid`);
process.exit(failed.length > 0 ? 1 : 0);
