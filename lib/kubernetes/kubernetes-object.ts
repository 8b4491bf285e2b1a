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

/** A model class of kubernetes-models: validates its data against the upstream OpenAPI / CRD schema. */
type ModelClass = new (data: any) => { validate(): void };

/**
 * The upstream schema of each kind the library emits, as kubernetes-models classes, loaded on first use
 * (each module pulls in its compiled schema). Add an entry for every new kind the library emits.
 */
const MODELS: Readonly<Record<string, () => ModelClass>> = {
  "v1/Namespace": () => require("kubernetes-models/v1/Namespace").Namespace,
  "v1/ServiceAccount": () => require("kubernetes-models/v1/ServiceAccount").ServiceAccount,
  "v1/Service": () => require("kubernetes-models/v1/Service").Service,
  "v1/ConfigMap": () => require("kubernetes-models/v1/ConfigMap").ConfigMap,
  "v1/ResourceQuota": () => require("kubernetes-models/v1/ResourceQuota").ResourceQuota,
  "v1/LimitRange": () => require("kubernetes-models/v1/LimitRange").LimitRange,
  "apps/v1/Deployment": () => require("kubernetes-models/apps/v1/Deployment").Deployment,
  "policy/v1/PodDisruptionBudget": () => require("kubernetes-models/policy/v1/PodDisruptionBudget").PodDisruptionBudget,
  "autoscaling/v2/HorizontalPodAutoscaler": () => require("kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler").HorizontalPodAutoscaler,
  "networking.k8s.io/v1/NetworkPolicy": () => require("kubernetes-models/networking.k8s.io/v1/NetworkPolicy").NetworkPolicy,
  "networking.k8s.io/v1/Ingress": () => require("kubernetes-models/networking.k8s.io/v1/Ingress").Ingress,
  "rbac.authorization.k8s.io/v1/Role": () => require("kubernetes-models/rbac.authorization.k8s.io/v1/Role").Role,
  "rbac.authorization.k8s.io/v1/RoleBinding": () => require("kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding").RoleBinding,
  "rbac.authorization.k8s.io/v1/ClusterRole": () => require("kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole").ClusterRole,
  "rbac.authorization.k8s.io/v1/ClusterRoleBinding": () => require("kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding").ClusterRoleBinding,
  "azmonitoring.coreos.com/v1/PodMonitor": () => require("./azmonitoring-pod-monitor").AzMonitoringPodMonitor,
  "scheduling.k8s.io/v1/PriorityClass": () => require("kubernetes-models/scheduling.k8s.io/v1/PriorityClass").PriorityClass,
  "source.toolkit.fluxcd.io/v1/GitRepository": () => require("@kubernetes-models/flux-cd/source.toolkit.fluxcd.io/v1/GitRepository").GitRepository,
  "kustomize.toolkit.fluxcd.io/v1/Kustomization": () => require("@kubernetes-models/flux-cd/kustomize.toolkit.fluxcd.io/v1/Kustomization").Kustomization,
  "notification.toolkit.fluxcd.io/v1beta3/Provider": () => require("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Provider").Provider,
  "notification.toolkit.fluxcd.io/v1beta3/Alert": () => require("@kubernetes-models/flux-cd/notification.toolkit.fluxcd.io/v1beta3/Alert").Alert,
  "argoproj.io/v1alpha1/Application": () => require("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application").Application,
  "argoproj.io/v1alpha1/AppProject": () => require("@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject").AppProject,
  "secrets-store.csi.x-k8s.io/v1/SecretProviderClass": () => require("./secret-provider-class-model").SecretProviderClassModel,
};

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
  const load = MODELS[key];
  if (!load) return `${where}: kind "${key}" has no schema to validate against; add it to kubernetes-object.ts`;
  const Model = load();
  try {
    new Model(object).validate();
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
