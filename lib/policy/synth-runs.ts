import { App, TerraformStack } from "cdktf";

/** A run of `app.synth()`: whether JSON that `prepareStack` resolved in it may still be written. */
interface SynthRun {
  mayReuse: boolean;
}

/** The `app.synth()` running for each app whose synths are tracked, while it runs. */
const running = new WeakMap<object, SynthRun>();
const tracked = new WeakSet<object>();
/** Apps with a stack that prepares itself its own way (a `prepareStack` of its own may change any construct). */
const preparedTheirOwnWay = new WeakSet<object>();

/**
 * Tracks the runs of `app.synth()` (it wraps the app's `synth` once), so that JSON `prepareStack` resolved is taken
 * only by the synth that prepared it: a synth that failed half-way leaves the later stacks' prepared JSON, which
 * a `Testing.fullSynth` after a change must not take.
 */
export function trackSynths(app: App): void {
  if (tracked.has(app)) return;
  tracked.add(app);
  const synth = app.synth.bind(app);
  app.synth = () => {
    running.set(app, { mayReuse: !preparedTheirOwnWay.has(app) });
    try {
      synth();
    } finally {
      running.delete(app);
    }
  };
}

/** Notes that a stack of `app` prepares itself its own way: no prepared JSON is taken in its synths. */
export function notePreparedTheirOwnWay(app: App): void {
  preparedTheirOwnWay.add(app);
}

/**
 * Notes that code which may change any construct, of any stack, ran in the synth of `stack`'s app (an Aspect
 * other than the policy checks, a custom synthesis that may do more than write files): from then on, no stack of
 * that synth is written as `prepareStack` resolved it.
 */
export function noteConstructsMayHaveChanged(stack: TerraformStack): void {
  const run = running.get(stack.node.root);
  if (run) run.mayReuse = false;
}

/** The synth of the stack's app running now, in which prepared JSON may be taken; undefined when none may. */
export function currentSynth(stack: TerraformStack): object | undefined {
  const run = running.get(stack.node.root);
  return run?.mayReuse ? run : undefined;
}
