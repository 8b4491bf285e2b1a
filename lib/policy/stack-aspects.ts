import { Annotations, Aspects, IAspect } from "cdktf";
import { IConstruct } from "constructs";

/**
 * cdktf 0.21's `invokeAspects` (synthesizer.js), step for step, for less, and telling whether an Aspect other
 * than `own` ran: cdktf keeps the Aspects invoked at a construct by its path, a string built for each of the
 * stack's constructs (a fifth of the walk); this keeps them per construct, as each is visited once. An Aspect may
 * change any construct, so its running means the stack's JSON must be resolved again (see `resolvedStack`).
 */
export function invokeAspects(root: IConstruct, own: unknown): { foreignAspectRan: boolean } {
  let nestedAspectWarning = false;
  let foreignAspectRan = false;
  const recurse = (construct: IConstruct, inherited: readonly IAspect[]): void => {
    const aspects = Aspects.of(construct);
    const direct = aspects.all;
    const here = direct.length === 0 ? inherited : [...inherited, ...direct];
    const invoked: IAspect[] = [];
    for (const aspect of here) {
      if (invoked.includes(aspect)) continue;
      aspect.visit(construct);
      if (aspect !== own) foreignAspectRan = true;
      // an Aspect added while another ran is not invoked: cdktf warns once per walk
      if (!nestedAspectWarning && direct.length !== aspects.all.length) {
        Annotations.of(construct).addWarning("We detected an Aspect was added via another Aspect, and will not be applied");
        nestedAspectWarning = true;
      }
      invoked.push(aspect);
    }
    for (const child of construct.node.children) recurse(child, here);
  };
  recurse(root, []);
  return { foreignAspectRan };
}
