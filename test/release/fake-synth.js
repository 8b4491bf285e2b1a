// A small stand-in for a cdktf app, used by the release tests: reads platform.json and the pins files of the
// project it runs in and writes a cdktf.out-like tree (manifest.json, stacks, gitops manifests) to CDKTF_OUTDIR.
"use strict";
const fs = require("fs");
const path = require("path");

const out = process.env.CDKTF_OUTDIR || "cdktf.out";
if (process.env.FAKE_SYNTH_FAIL) {
  console.error("boom: the app failed");
  process.exit(3);
}
// FAKE_SYNTH_STARTED_FILE: created when the synth starts, so a test can act while it runs without guessing a delay
if (process.env.FAKE_SYNTH_STARTED_FILE) fs.writeFileSync(process.env.FAKE_SYNTH_STARTED_FILE, "");
if (process.env.FAKE_SYNTH_SLEEP_MS) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.FAKE_SYNTH_SLEEP_MS));
const platform = JSON.parse(fs.readFileSync("platform.json", "utf8"));
const stacks = {};
const write = (file, text) => {
  fs.mkdirSync(path.dirname(path.join(out, file)), { recursive: true });
  fs.writeFileSync(path.join(out, file), text);
};
const stack = (name, dependencies, body) => {
  stacks[name] = { name, dependencies, synthesizedStackPath: `stacks/${name}/cdk.tf.json` };
  write(`stacks/${name}/cdk.tf.json`, JSON.stringify({ "//": { metadata: { stackName: name } }, ...body }, null, 2));
};
stack("state", [], { resource: { azurerm_storage_account: { state: { name: "ststate" } } } });
for (const env of platform.environments) {
  const pinsFile = path.join("environments", "pins", `${env}.json`);
  const pins = fs.existsSync(pinsFile) ? JSON.parse(fs.readFileSync(pinsFile, "utf8")) : {};
  const size = (platform.size && platform.size[env]) || "Standard_D2s_v5";
  stack(`${env}-platform`, ["state"], { resource: { azurerm_kubernetes_cluster: { cluster: { name: `aks-${env}`, vm_size: size } } } });
  stack(`${env}-gitops`, [`${env}-platform`], { resource: { azurerm_kubernetes_flux_configuration: { flux: { name: "flux" } } } });
  if (platform.promotesFrom && env in platform.promotesFrom) {
    const descriptor = { environment: env, promotesFrom: platform.promotesFrom[env] ?? undefined, sync: "flux", tier: env };
    write(`gitops/${env}/environment.json`, `${JSON.stringify(descriptor, null, 2)}\n`);
  }
  write(`gitops/${env}/infrastructure/namespace-platform.yaml`, `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: platform\n`);
  for (const app of Object.keys(pins).sort()) {
    stack(`${env}-app-${app}`, [`${env}-gitops`], { resource: { azurerm_user_assigned_identity: { id: { name: `id-${app}` } } } });
    write(
      `gitops/${env}/apps/${app}/deployment-${app}.yaml`,
      `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${app}\nspec:\n  template:\n    spec:\n      containers:\n        - image: ${pins[app]}\n          name: ${app}\n`,
    );
    write(`gitops/${env}/apps/${app}/service-${app}.yaml`, `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${app}\n`);
  }
}
write("manifest.json", JSON.stringify({ stacks, version: "0.21.0" }, null, 2));
