import { DEFAULT_POLICY_PACKS, KubernetesRule } from "../../lib/policy";
import { deployment, k8s, KubernetesCase } from "./cases";

const ns = (labels: Record<string, string> = { "pod-security.kubernetes.io/enforce": "restricted" }) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name: "app", labels } });
const denyAll = k8s("networking.k8s.io/v1", "NetworkPolicy", "default-deny", "app", { spec: { podSelector: {}, policyTypes: ["Ingress"] } });
const allowSome = k8s("networking.k8s.io/v1", "NetworkPolicy", "allow", "app", { spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ podSelector: {} }] }] } });
const role = (rules: unknown[], kind = "ClusterRole") => k8s("rbac.authorization.k8s.io/v1", kind, "r", kind === "Role" ? "app" : undefined, { rules });
const binding = (roleRef: string, subjects: unknown[]) =>
  k8s("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", "b", undefined, { roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleRef }, subjects });
const service = (spec: Record<string, unknown>) => k8s("v1", "Service", "app", "app", { spec: { ports: [{ port: 80 }], ...spec } });
const ingress = (spec: Record<string, unknown>, annotations: Record<string, string> = {}) =>
  ({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "app", namespace: "app", annotations }, spec: { rules: [{ host: "a.example.com" }], ...spec } });
const spc = (parameters: Record<string, string>) => k8s("secrets-store.csi.x-k8s.io/v1", "SecretProviderClass", "s", "app", { spec: { provider: "azure", parameters } });
const application = (project: string, automated: Record<string, unknown>) => k8s("argoproj.io/v1alpha1", "Application", "a", "argocd", { spec: { project, syncPolicy: { automated } } });
const appProject = (sourceRepos: string[], namespace: string) =>
  k8s("argoproj.io/v1alpha1", "AppProject", "p", "argocd", { spec: { sourceRepos, destinations: [{ server: "https://kubernetes.default.svc", namespace }] } });
const privileged = { securityContext: { privileged: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } } };

/** Per rule: a compliant input and a non-compliant one (each rule has both; a test below checks it). */
const CASES: Record<string, { compliant: KubernetesCase; nonCompliant: KubernetesCase }> = {
  "GITOPS-POD-1": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ securityContext: {} }, { securityContext: {} }) } },
  "GITOPS-POD-2": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ securityContext: { readOnlyRootFilesystem: false } }) } },
  "GITOPS-POD-3": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ securityContext: { allowPrivilegeEscalation: true } }) } },
  "GITOPS-POD-4": { compliant: { object: deployment() }, nonCompliant: { object: deployment(privileged) } },
  "GITOPS-POD-5": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ securityContext: { capabilities: { drop: ["NET_RAW"] } } }) } },
  "GITOPS-POD-6": {
    compliant: { object: deployment({ securityContext: { capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] } } }) },
    nonCompliant: { object: deployment({ securityContext: { capabilities: { drop: ["ALL"], add: ["CAP_SYS_ADMIN"] } } }) },
  },
  "GITOPS-POD-7": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ resources: { requests: { memory: "1Gi" }, limits: { memory: "1Gi" } } }) } },
  "GITOPS-POD-8": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ resources: { requests: { cpu: "1" }, limits: { memory: "1Gi" } } }) } },
  "GITOPS-POD-9": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ resources: { requests: { cpu: "1", memory: "1Gi" } } }) } },
  "GITOPS-POD-10": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ livenessProbe: undefined }) } },
  "GITOPS-POD-11": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ readinessProbe: undefined }) } },
  "GITOPS-POD-12": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ image: "example.azurecr.io/app:1.0.0" }) } },
  "GITOPS-POD-13": { compliant: { object: deployment({ image: "localhost:5000/app:1.0.0" }) }, nonCompliant: { object: deployment({ image: "localhost:5000/app" }) } },
  "GITOPS-POD-14": {
    compliant: { object: deployment({ image: "example.azurecr.io/app:1.0.0", imagePullPolicy: "Always" }) },
    nonCompliant: { object: deployment({ image: "example.azurecr.io/app:1.0.0" }) },
  },
  "GITOPS-POD-15": { compliant: { object: deployment() }, nonCompliant: { object: deployment({}, { hostNetwork: true }) } },
  "GITOPS-POD-16": { compliant: { object: deployment() }, nonCompliant: { object: deployment({}, { hostPID: true }) } },
  "GITOPS-POD-17": { compliant: { object: deployment() }, nonCompliant: { object: deployment({}, { hostIPC: true }) } },
  "GITOPS-POD-18": {
    compliant: { object: deployment({}, { securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } } }) },
    nonCompliant: { object: deployment({}, { securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "Unconfined" } } }) },
  },
  "GITOPS-POD-19": { compliant: { object: deployment() }, nonCompliant: { object: deployment({}, { automountServiceAccountToken: true }) } },
  "GITOPS-POD-20": {
    compliant: { object: deployment({ env: [{ name: "HOST", value: "db" }] }) },
    nonCompliant: { object: deployment({ env: [{ name: "PASSWORD", valueFrom: { secretKeyRef: { name: "s", key: "p" } } }] }) },
  },
  "GITOPS-POD-21": {
    compliant: { object: deployment() },
    nonCompliant: { object: deployment({}, { securityContext: { runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: "RuntimeDefault" } } }) },
  },
  "GITOPS-POD-22": { compliant: { object: deployment() }, nonCompliant: { object: deployment({ ports: [{ containerPort: 8080, hostPort: 8080 }] }) } },
  "GITOPS-POD-23": {
    compliant: { object: deployment({}, { volumes: [{ name: "tmp", emptyDir: {} }] }) },
    nonCompliant: { object: deployment({}, { volumes: [{ name: "docker", hostPath: { path: "/var/run/docker.sock" } }] }) },
  },
  "GITOPS-POD-24": { compliant: { object: deployment() }, nonCompliant: { object: deployment({}, { serviceAccountName: "default" }) } },
  "GITOPS-KUBE-1": { compliant: { object: k8s("v1", "ConfigMap", "c", "app") }, nonCompliant: { object: k8s("v1", "ConfigMap", "c", "default") } },
  "GITOPS-NS-1": { compliant: { object: ns() }, nonCompliant: { object: ns({ "pod-security.kubernetes.io/enforce": "privileged" }) } },
  "GITOPS-NS-2": { compliant: { object: ns(), others: [denyAll] }, nonCompliant: { object: ns(), others: [allowSome] } },
  "GITOPS-RBAC-1": {
    compliant: { object: role([{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }]) },
    nonCompliant: { object: role([{ apiGroups: ["*"], resources: ["configmaps"], verbs: ["get"] }], "Role") },
  },
  "GITOPS-RBAC-2": {
    compliant: { object: role([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["get"] }]) },
    nonCompliant: { object: role([{ apiGroups: ["rbac.authorization.k8s.io"], resources: ["clusterroles"], verbs: ["bind"] }]) },
  },
  "GITOPS-RBAC-3": {
    compliant: { object: role([{ apiGroups: [""], resources: ["configmaps"], verbs: ["list"] }]) },
    nonCompliant: { object: role([{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]) },
  },
  "GITOPS-RBAC-4": {
    compliant: { object: binding("flux-state-metrics", [{ kind: "ServiceAccount", name: "flux-state-metrics", namespace: "gitops-monitoring" }]) },
    nonCompliant: { object: binding("view", [{ kind: "Group", name: "system:unauthenticated" }]) },
  },
  "GITOPS-SVC-1": { compliant: { object: service({}) }, nonCompliant: { object: service({ type: "NodePort" }) } },
  "GITOPS-SVC-2": { compliant: { object: service({}) }, nonCompliant: { object: service({ externalIPs: ["203.0.113.10"] }) } },
  "GITOPS-ING-1": { compliant: { object: ingress({ tls: [{ hosts: ["a.example.com"], secretName: "t" }] }) }, nonCompliant: { object: ingress({}) } },
  "GITOPS-ING-2": {
    compliant: { object: ingress({}, { "nginx.ingress.kubernetes.io/ssl-redirect": "true" }) },
    nonCompliant: { object: ingress({}, { "nginx.ingress.kubernetes.io/configuration-snippet": "more_set_headers x" }) },
  },
  "GITOPS-SPC-1": {
    compliant: { object: spc({ clientID: "${APP_CLIENT_ID}", usePodIdentity: "false" }) },
    nonCompliant: { object: spc({ useVMManagedIdentity: "true", userAssignedIdentityID: "x" }) },
  },
  "GITOPS-ARGO-1": { compliant: { object: application("dev", { prune: true, selfHeal: true }) }, nonCompliant: { object: application("dev", { selfHeal: true }) } },
  "GITOPS-ARGO-2": { compliant: { object: application("dev", { prune: true, selfHeal: true }) }, nonCompliant: { object: application("default", { prune: true, selfHeal: true }) } },
  "GITOPS-ARGO-3": { compliant: { object: appProject(["https://github.com/o/r.git"], "web") }, nonCompliant: { object: appProject(["*"], "*") } },
  "GITOPS-FLUXK-1": {
    compliant: { object: k8s("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "k", "flux-system", { spec: { prune: true } }) },
    nonCompliant: { object: k8s("kustomize.toolkit.fluxcd.io/v1", "Kustomization", "k", "flux-system", { spec: { prune: false } }) },
  },
  "GITOPS-FLUXK-2": {
    compliant: { object: k8s("source.toolkit.fluxcd.io/v1", "GitRepository", "g", "flux-system", { spec: { url: "ssh://git@github.com/o/r.git" } }) },
    nonCompliant: { object: k8s("source.toolkit.fluxcd.io/v1", "GitRepository", "g", "flux-system", { spec: { url: "git://github.com/o/r.git" } }) },
  },
  "GITOPS-SECRET-2": {
    compliant: { object: k8s("v1", "ConfigMap", "c", "app", { data: { DB_HOST: "db.example.com", secretName: "tls-secret" } }) },
    nonCompliant: { object: k8s("v1", "ConfigMap", "c", "app", { data: { DB_PASSWORD: "correct-horse-battery" } }) },
  },
};

const RULES = DEFAULT_POLICY_PACKS.flatMap((pack) => pack.rules).filter((rule): rule is KubernetesRule => rule.target === "kubernetes");

describe("Kubernetes rules", () => {
  test("there are at least 30, each with a compliant and a non-compliant case", () => {
    expect(RULES.length).toBeGreaterThanOrEqual(30);
    expect(RULES.map((rule) => rule.id).sort()).toEqual(Object.keys(CASES).sort());
  });

  test.each(RULES.map((rule) => [rule.id, rule] as const))("%s: compliant input passes, non-compliant input fails", (id, rule) => {
    const run = ({ object, others = [] }: KubernetesCase) => {
      expect(rule.kinds === "*" || rule.kinds.includes(object.kind)).toBe(true);
      return rule.evaluate(object, { objects: [object, ...others] });
    };
    expect(run(CASES[id].compliant)).toEqual({ status: "compliant" });
    const failed = run(CASES[id].nonCompliant);
    expect(failed.status).toBe("non-compliant");
    expect((failed as { detail: string }).detail.length).toBeGreaterThan(5);
  });

  test("container rules look at init containers too, probe and resource rules only at long-running ones", () => {
    const byId = (id: string) => RULES.find((r) => r.id === id)!;
    const init = deployment({}, { initContainers: [{ name: "init", image: "busybox:latest", securityContext: {} }] });
    expect(byId("GITOPS-POD-12").evaluate(init, { objects: [] })).toEqual({ status: "non-compliant", detail: 'container "init" image "busybox:latest" is not pinned by digest' });
    expect(byId("GITOPS-POD-10").evaluate(init, { objects: [] })).toEqual({ status: "compliant" });
  });

  test("workload rules are not applicable to objects without a pod template", () => {
    expect(RULES.find((r) => r.id === "GITOPS-POD-1")!.evaluate(k8s("apps/v1", "Deployment", "d", "app", {}), { objects: [] })).toEqual({ status: "not-applicable" });
  });

  test("a Secret with data never belongs in the GitOps repository", () => {
    const secret = k8s("v1", "Secret", "s", "app", { data: { key: "dmFsdWU=" } });
    expect(RULES.find((r) => r.id === "GITOPS-SECRET-2")!.evaluate(secret, { objects: [] }).status).toBe("non-compliant");
  });
});
