// Where the time of a synth goes, for N apps in one environment (as bench/apps-synth.ts) or for the reference
// platform (main.ts):
//   node -r ./register.js bench/synth-phases.ts <N | reference> <outdir>
// Prints milliseconds per phase: loading the modules, building the constructs (validation included), cdktf's
// preparation (cross-stack references), this library's own files (GitOps manifests, pipelines: custom
// synthesis), the policy checks (on each stack's resolved JSON, report included) and the stacks' JSON (resolving
// each stack once and writing cdk.tf.json and manifest.json). cdktf's preparation and the resolving are what
// any cdktf app with these stacks pays.
const started = process.hrtime.bigint();
const elapsed = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e6;
const phases = new Map<string, number>();
const add = (phase: string, ms: number): void => void phases.set(phase, (phases.get(phase) ?? 0) + ms);

// Hooks go in before the library loads: it reads addCustomSynthesis from the module's exports at each call.
/* eslint-disable @typescript-eslint/no-require-imports */
const synthesizer = require("cdktf/lib/synthesize/synthesizer");
const addCustomSynthesis = synthesizer.addCustomSynthesis;
synthesizer.addCustomSynthesis = (construct: unknown, synthesis: { onSynthesize: (session: unknown) => void }) =>
  addCustomSynthesis(construct, {
    // the synthesis's own properties too: the library marks the ones that only write files
    ...synthesis,
    onSynthesize: (session: unknown) => {
      const start = process.hrtime.bigint();
      synthesis.onSynthesize(session);
      add("library files (custom synthesis)", elapsed(start));
    },
  });
const { App, TerraformStack } = require("cdktf");
const timed = (target: Record<string, unknown>, method: string, phase: string): void => {
  const original = target[method] as (...args: unknown[]) => unknown;
  target[method] = function (this: unknown, ...args: unknown[]) {
    const start = process.hrtime.bigint();
    try {
      return original.apply(this, args);
    } finally {
      add(phase, elapsed(start));
    }
  };
};
const { PolicyChecks } = require("../lib/policy/policy-checks");
timed(PolicyChecks.prototype, "checkSynthesized", "policy checks (each stack's JSON, and the report)");
const { buildPlatform } = require("../stacks/build-platform");
const { appsFixture } = require("./apps-fixture");
const { referenceApps, referencePins, referencePlatform } = require("../environments");
add("load modules", elapsed(started));

const what = process.argv[2];
const outdir = process.argv[3];
const { spec, apps, pins } = what === "reference" ? { spec: referencePlatform, apps: referenceApps, pins: referencePins } : appsFixture(Number(what));
let start = process.hrtime.bigint();
const app = new App({ outdir });
buildPlatform(app, spec, { apps, pins });
add("build constructs (validation included)", elapsed(start));
// each stack's own prepareStack (the library's, which resolves only tokens, or cdktf's)
for (const stack of app.node.findAll().filter(TerraformStack.isStack)) timed(stack as unknown as Record<string, unknown>, "prepareStack", "prepare (cross-stack references)");
start = process.hrtime.bigint();
app.synth();
const synthMs = elapsed(start);
const counted = [...phases].filter(([phase]) => phase !== "load modules" && phase !== "build constructs (validation included)").reduce((sum, [, ms]) => sum + ms, 0);
add("resolve each stack once, write cdk.tf.json and manifest.json", synthMs - counted);
const total = elapsed(started);
console.log(`| phase (${what === "reference" ? "reference platform" : `${what} apps`}) | ms | share |`);
console.log("|---|---:|---:|");
for (const [phase, ms] of phases) console.log(`| ${phase} | ${ms.toFixed(0)} | ${((100 * ms) / total).toFixed(0)}% |`);
console.log(`| total (after node and register.js start) | ${total.toFixed(0)} | 100% |`);
