import { COMPLIANT, nonCompliant, NOT_APPLICABLE, PolicyKubernetesObject, RuleResult } from "./rule";

/** The kinds that carry a pod template. */
export const WORKLOAD_KINDS: readonly string[] = ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"];

/** A pod spec or container as plain data. */
export type Spec = Readonly<Record<string, unknown>>;

function record(value: unknown): Spec | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Spec) : undefined;
}

/** The pod spec of a workload (`spec.template.spec`, a CronJob's job template, a Pod's `spec`), else undefined. */
export function podSpecOf(object: PolicyKubernetesObject): Spec | undefined {
  const spec = record(object.spec);
  if (!spec) return undefined;
  if (object.kind === "Pod") return spec;
  if (object.kind === "CronJob") return record(record(record(record(spec.jobTemplate)?.spec)?.template)?.spec);
  return WORKLOAD_KINDS.includes(object.kind) ? record(record(spec.template)?.spec) : undefined;
}

/** Every container of a pod spec: init, regular and ephemeral containers. */
export function containersOf(pod: Spec): Spec[] {
  const lists = [pod.initContainers, pod.containers, pod.ephemeralContainers];
  return lists.flatMap((list) => (Array.isArray(list) ? list.map(record).filter((c): c is Spec => c !== undefined) : []));
}

/** A field of the container's security context, falling back to the pod's (Kubernetes' own precedence). */
export function securityField(pod: Spec, container: Spec, field: string): unknown {
  const own = record(container.securityContext)?.[field];
  return own !== undefined ? own : record(pod.securityContext)?.[field];
}

/**
 * Runs `check` on every container of a workload (`main`: only the regular containers, for probes and
 * resources that init containers do not have): not applicable without a pod spec; otherwise non-compliant
 * naming each container `check` returns a problem for.
 */
export function eachContainer(
  object: PolicyKubernetesObject,
  check: (container: Spec, pod: Spec) => string | undefined,
  which: "all" | "main" = "all",
): RuleResult {
  const pod = podSpecOf(object);
  if (!pod) return NOT_APPLICABLE;
  const containers = which === "all" ? containersOf(pod) : containersOf({ containers: pod.containers });
  const problems = containers.flatMap((container) => {
    const problem = check(container, pod);
    return problem === undefined ? [] : [`container "${String(container.name)}" ${problem}`];
  });
  return problems.length === 0 ? COMPLIANT : nonCompliant(problems.join("; "));
}

/** Runs `check` on a workload's pod spec: not applicable without one. */
export function onPod(object: PolicyKubernetesObject, check: (pod: Spec) => string | undefined): RuleResult {
  const pod = podSpecOf(object);
  if (!pod) return NOT_APPLICABLE;
  const problem = check(pod);
  return problem === undefined ? COMPLIANT : nonCompliant(problem);
}

/** A field as a record (an empty one when absent or not an object). */
export function fieldOf(value: unknown, key: string): Spec {
  return record(record(value)?.[key]) ?? {};
}

/** A field as a list (empty when absent). */
export function listOf(value: unknown, key: string): unknown[] {
  const list = record(value)?.[key];
  return Array.isArray(list) ? list : [];
}
