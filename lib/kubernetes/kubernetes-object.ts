/** A Kubernetes object as plain data (what gets written to YAML). */
export interface KubernetesObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
    readonly [key: string]: unknown;
  };
  readonly [key: string]: unknown;
}

/** Throws when an object does not match its schema. */
type Validator = (object: KubernetesObject) => void;

/**
 * The schema check of a kubernetes-models class, run on the object itself: the class's constructor copies the
 * object deeply (dropping undefined values, which the compiled schema treats as absent anyway) and its
 * `validate()` checks `this` with the upstream schema's validator, which only reads. Copying every object
 * first was a third of the time validation takes.
 */
function schemaValidator(model: { prototype: { validate(): void } }): Validator {
  return (object) => model.prototype.validate.call(object);
}

/** The check of one of this library's own model classes (which take the object in their constructor). */
function ownValidator(model: new (data: KubernetesObject) => { validate(): void }): Validator {
  return (object) => new model(object).validate();
}

/**
 * The upstream schema of each kind the library emits, as kubernetes-models classes, loaded on first use
 * (each module pulls in its compiled schema). Add an entry for every new kind the library emits.
 */
const MODELS: Readonly<Record<string, () => Validator>> = {
  "v1/Namespace": () => schemaValidator(require("kubernetes-models/v1/Namespace").Namespace),
  "v1/ServiceAccount": () => schemaValidator(require("kubernetes-models/v1/ServiceAccount").ServiceAccount),
  "v1/Service": () => schemaValidator(require("kubernetes-models/v1/Service").Service),
  "v1/ConfigMap": () => schemaValidator(require("kubernetes-models/v1/ConfigMap").ConfigMap),
  "v1/ResourceQuota": () => schemaValidator(require("kubernetes-models/v1/ResourceQuota").ResourceQuota),
  "v1/LimitRange": () => schemaValidator(require("kubernetes-models/v1/LimitRange").LimitRange),
  "apps/v1/Deployment": () => schemaValidator(require("kubernetes-models/apps/v1/Deployment").Deployment),
  "policy/v1/PodDisruptionBudget": () => schemaValidator(require("kubernetes-models/policy/v1/PodDisruptionBudget").PodDisruptionBudget),
  "autoscaling/v2/HorizontalPodAutoscaler": () => schemaValidator(require("kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler").HorizontalPodAutoscaler),
  "networking.k8s.io/v1/NetworkPolicy": () => schemaValidator(require("kubernetes-models/networking.k8s.io/v1/NetworkPolicy").NetworkPolicy),
  "networking.k8s.io/v1/Ingress": () => schemaValidator(require("kubernetes-models/networking.k8s.io/v1/Ingress").Ingress),
  "rbac.authorization.k8s.io/v1/Role": () => schemaValidator(require("kubernetes-models/rbac.authorization.k8s.io/v1/Role").Role),
  "rbac.authorization.k8s.io/v1/RoleBinding": () => schemaValidator(require("kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding").RoleBinding),
  "rbac.authorization.k8s.io/v1/ClusterRole": () => schemaValidator(require("kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole").ClusterRole),
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": () => schemaValidator(require("kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding").ClusterRoleBinding),
  "azmonitoring.coreos.com/v1/PodMonitor": () => ownValidator(require("./azmonitoring-pod-monitor").AzMonitoringPodMonitor),
  "scheduling.k8s.io/v1/PriorityClass": () => schemaValidator(require("kubernetes-models/scheduling.k8s.io/v1/PriorityClass").PriorityClass),
  "source.toolkit.fluxcd.io/v1/GitRepository": () => schemaValidator(require("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository").GitRepository),
  "kustomize.toolkit.fluxcd.io/v1/Kustomization": () => schemaValidator(require("@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization").Kustomization),
  "notification.toolkit.fluxcd.io/v1beta3/Provider": () => schemaValidator(require("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Provider").Provider),
  "notification.toolkit.fluxcd.io/v1beta3/Alert": () => schemaValidator(require("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Alert").Alert),
  "argoproj.io/v1alpha1/Application": () => schemaValidator(require("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application").Application),
  "argoproj.io/v1alpha1/AppProject": () => schemaValidator(require("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject").AppProject),
  "secrets-store.csi.x-k8s.io/v1/SecretProviderClass": () => ownValidator(require("./secret-provider-class-model").SecretProviderClassModel),
};

/** The validators loaded so far, by `apiVersion/kind`: a `require` on every object cost a third of validating 10,000. */
const validators = new Map<string, Validator>();

/** The kinds that `validateKubernetesObject` knows, as `apiVersion/kind`. */
export function knownKubernetesKinds(): string[] {
  return Object.keys(MODELS).sort();
}

/**
 * The problem of an object against its upstream schema (kubernetes-models), naming `where`, the kind and the
 * schema error: it does not conform, or its kind has no schema here; undefined when it conforms.
 */
export function kubernetesObjectProblem(object: KubernetesObject, where: string): string | undefined {
  const key = `${object.apiVersion}/${object.kind}`;
  let validate = validators.get(key);
  if (!validate) {
    const load = MODELS[key];
    if (!load) return `${where}: kind "${key}" has no schema to validate against; add it to kubernetes-object.ts`;
    validators.set(key, (validate = load()));
  }
  try {
    validate(object);
  } catch (error) {
    return `${where}: ${object.kind} "${object.metadata.name}" does not match its schema: ${(error as Error).message}; change the object to match the ${key} schema`;
  }
  return undefined;
}

/** Validates an object against its upstream schema (kubernetes-models); throws `kubernetesObjectProblem` when there is one. */
export function validateKubernetesObject(object: KubernetesObject, where: string): void {
  const problem = kubernetesObjectProblem(object, where);
  if (problem !== undefined) throw new Error(problem);
}
