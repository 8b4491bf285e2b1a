import { KustomizePatch } from "../../lib/kubernetes/kustomization-file";

/** Whether a kustomize patch target selects an object (group, version, kind, name, namespace, equality label selectors). */
export function targets(target: KustomizePatch["target"], object: any): boolean {
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
  if (target.group !== undefined && target.group !== group) return false;
  if (target.version !== undefined && target.version !== version) return false;
  if (target.kind !== undefined && target.kind !== object.kind) return false;
  if (target.name !== undefined && target.name !== object.metadata.name) return false;
  if (target.namespace !== undefined && target.namespace !== object.metadata.namespace) return false;
  for (const term of target.labelSelector ? target.labelSelector.split(",") : []) {
    const [key, value] = term.split("=");
    if (object.metadata.labels?.[key] !== value) return false;
  }
  return true;
}

/**
 * Applies kustomize JSON 6902 patches (`replace` only, as the library emits) to copies of the objects, like
 * `kustomize build`: a `replace` of a missing path throws.
 */
export function applyPatches(objects: readonly any[], patches: readonly KustomizePatch[]): any[] {
  return objects.map((original) => {
    const object = JSON.parse(JSON.stringify(original));
    for (const { patch, target } of patches) {
      if (!targets(target, object)) continue;
      for (const op of JSON.parse(patch)) {
        if (op.op !== "replace") throw new Error(`unexpected op ${op.op}`);
        const keys = op.path.split("/").slice(1).map((key: string) => key.replace(/~1/g, "/").replace(/~0/g, "~"));
        let parent = object;
        for (const key of keys.slice(0, -1)) parent = parent?.[key];
        const last = keys[keys.length - 1];
        if (parent === undefined || !(last in parent)) throw new Error(`replace of missing path ${op.path} in ${object.kind}/${object.metadata.name}`);
        parent[last] = op.value;
      }
    }
    return object;
  });
}

/** The `${NAME}` placeholders (Flux variables) in a text. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\$\{([_a-zA-Z][_a-zA-Z0-9]*)\}/g)].map((m) => m[1]);
}
