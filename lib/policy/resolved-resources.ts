import { TerraformElement, TerraformOutput, TerraformResource, TerraformStack } from "cdktf";
import { resolve } from "cdktf/lib/_tokens";
import { deepMerge } from "cdktf/lib/util";
import { IConstruct } from "constructs";

/** The `resource` section of a synthesized stack: type → name → body. */
export type Resources = Record<string, Record<string, Record<string, unknown>>>;

/**
 * The stack's resources, resolved as synth writes them to `cdk.tf.json`. Only resources are resolved: the
 * stack's `toTerraform()` resolves every element (providers, outputs, backends) and then the merged result a
 * second time, which made the policy checks a fifth of the synth time with 1,000 app stacks. A stack with
 * its own overrides (`stack.addOverride`) can change any block, so it is resolved whole.
 */
export function resolvedResources(stack: TerraformStack): Resources {
  // `rawOverrides` is internal to cdktf; `toTerraform()` merges it into the resolved JSON.
  const overrides = (stack as unknown as { rawOverrides?: object }).rawOverrides ?? {};
  if (Object.keys(overrides).length > 0) return (stack.toTerraform() as { resource?: Resources }).resource ?? {};
  const resources: Resources = {};
  for (const element of elementsOf(stack)) {
    if (!TerraformResource.isTerraformResource(element)) continue;
    const fragment = resolve(stack, element.toTerraform()) as { resource?: Resources };
    for (const [type, byName] of Object.entries(fragment.resource ?? {})) Object.assign((resources[type] ??= {}), byName);
  }
  return resources;
}

/**
 * The stack's JSON as `stack.toTerraform()` returns it, less its last step: cdktf resolves every element, merges
 * the results and then resolves the merged JSON once more, which holds no token by then (a sixth of a synth of
 * 1,000 apps). A stack with overrides of its own (`stack.addOverride`, whose values may hold tokens) or its own
 * `toTerraform` is left to cdktf. The steps are cdktf 0.21's `TerraformStack.toTerraform`.
 */
export function resolvedStack(stack: TerraformStack): Record<string, unknown> {
  const overrides = (stack as unknown as { rawOverrides?: object }).rawOverrides ?? {};
  if (Object.keys(overrides).length > 0 || stack.toTerraform !== TerraformStack.prototype.toTerraform) return stack.toTerraform() as Record<string, unknown>;
  const elements = elementsOf(stack);
  const metadata: Record<string, unknown> = { version: (stack as unknown as { cdktfVersion?: string }).cdktfVersion, stackName: stack.node.id, backend: "local" };
  for (const e of elements) deepMerge(metadata, resolve(stack, e.toMetadata()));
  const outputs: Record<string, unknown> = {};
  for (const e of elements) {
    if (!TerraformOutput.isTerraformOutput(e)) continue;
    // the output's id nested under its construct path, as cdktf writes it
    deepMerge(outputs, e.node.path.split("/").reduceRight<Record<string, unknown>>((inner, part) => ({ [part]: Object.keys(inner).length === 0 ? e.friendlyUniqueId : inner }), {}));
  }
  const tf: Record<string, unknown> = { "//": { metadata, outputs } };
  for (const e of elements) deepMerge(tf, resolve(stack, e.toTerraform()));
  return tf;
}

/** The stack's Terraform elements in construct order, without those of nested stacks (as cdktf collects them). */
function elementsOf(scope: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  for (const child of scope.node.children) {
    if (TerraformStack.isStack(child)) continue;
    if (TerraformElement.isTerraformElement(child)) into.push(child);
    elementsOf(child, into);
  }
  return into;
}
