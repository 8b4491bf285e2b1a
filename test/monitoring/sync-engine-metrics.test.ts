import { App, TerraformStack } from "cdktf";
import { parse } from "yaml";
import { Environment } from "../../lib/environment/environment";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { AzMonitoringPodMonitor } from "../../lib/kubernetes/azmonitoring-pod-monitor";
import { KubernetesObject, validateKubernetesObject } from "../../lib/kubernetes/kubernetes-object";
import { DEFAULT_KUBE_STATE_METRICS_IMAGE, SyncEngineMetrics } from "../../lib/monitoring/sync-engine-metrics";
import { environmentSpec, platformSpec } from "../support/fixtures";

const [dev] = resolvePlatform(platformSpec()).environments;
const [argoDev] = resolvePlatform(platformSpec({ environments: [environmentSpec({ name: "dev", sync: "argocd" })] })).environments;

function metrics(environment: Environment, props: Partial<ConstructorParameters<typeof SyncEngineMetrics>[2]> = {}): SyncEngineMetrics {
  return new SyncEngineMetrics(new TerraformStack(new App(), `${environment.name}-monitoring`), "SyncEngineMetrics", { environment, ...props });
}
const byKind = (objects: KubernetesObject[]) => Object.fromEntries(objects.map((o) => [o.kind, o])) as Record<string, any>;

describe("SyncEngineMetrics for flux", () => {
  const sync = metrics(dev);
  const objects = byKind(sync.manifests.objects);

  test("writes the exporter and its PodMonitor to infrastructure/monitoring of the environment", () => {
    expect(Object.keys(sync.manifests.render()).sort()).toEqual([
      "dev/infrastructure/monitoring/clusterrole-flux-state-metrics.yaml",
      "dev/infrastructure/monitoring/clusterrolebinding-flux-state-metrics.yaml",
      "dev/infrastructure/monitoring/configmap-flux-state-metrics-config.yaml",
      "dev/infrastructure/monitoring/deployment-flux-state-metrics.yaml",
      "dev/infrastructure/monitoring/namespace-gitops-monitoring.yaml",
      "dev/infrastructure/monitoring/networkpolicy-allow-metrics-scrape.yaml",
      "dev/infrastructure/monitoring/networkpolicy-default-deny.yaml",
      "dev/infrastructure/monitoring/podmonitor-flux-state-metrics.yaml",
      "dev/infrastructure/monitoring/serviceaccount-flux-state-metrics.yaml",
    ]);
  });

  test("configures kube-state-metrics to export gotk_resource_info with ready and suspended labels for the Flux kinds", () => {
    const config = parse(objects.ConfigMap.data["config.yaml"]);
    expect(config.kind).toBe("CustomResourceStateMetrics");
    const kinds = config.spec.resources.map((r: any) => `${r.groupVersionKind.group}/${r.groupVersionKind.version}/${r.groupVersionKind.kind}`);
    expect(kinds).toEqual(expect.arrayContaining(["kustomize.toolkit.fluxcd.io/v1/Kustomization", "source.toolkit.fluxcd.io/v1/GitRepository", "helm.toolkit.fluxcd.io/v2/HelmRelease"]));
    for (const resource of config.spec.resources) {
      expect(resource.metricNamePrefix).toBe("gotk");
      expect(resource.metrics[0].name).toBe("resource_info");
      expect(resource.metrics[0].labelsFromPath.ready).toEqual(["status", "conditions", "[type=Ready]", "status"]);
      expect(resource.metrics[0].labelsFromPath.suspended).toEqual(["spec", "suspend"]);
    }
    const container = objects.Deployment.spec.template.spec.containers[0];
    expect(container.args).toContain("--custom-resource-state-only=true");
    expect(container.args).toContain("--custom-resource-state-config-file=/etc/customresourcestate/config.yaml");
    expect(objects.Deployment.spec.template.spec.volumes).toEqual([{ name: "config", configMap: { name: "flux-state-metrics-config" } }]);
  });

  test("runs a digest-pinned, non-root, read-only exporter with read-only access to the Flux kinds", () => {
    const pod = objects.Deployment.spec.template.spec;
    const container = pod.containers[0];
    expect(container.image).toBe(DEFAULT_KUBE_STATE_METRICS_IMAGE);
    expect(container.image).toMatch(/@sha256:[a-f0-9]{64}$/);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
    expect(objects.Namespace.metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const verbs = objects.ClusterRole.rules.flatMap((rule: any) => rule.verbs);
    expect(new Set(verbs)).toEqual(new Set(["list", "watch"]));
    expect(objects.ClusterRole.rules[0].apiGroups).toEqual(["helm.toolkit.fluxcd.io", "kustomize.toolkit.fluxcd.io", "source.toolkit.fluxcd.io"]);
    expect(objects.ClusterRoleBinding.subjects).toEqual([{ kind: "ServiceAccount", name: "flux-state-metrics", namespace: "gitops-monitoring" }]);
  });

  test("scrapes the exporter through an azmonitoring.coreos.com PodMonitor on its metrics port", () => {
    expect(objects.PodMonitor.apiVersion).toBe("azmonitoring.coreos.com/v1");
    expect(objects.PodMonitor.spec.selector.matchLabels).toEqual(objects.Deployment.spec.selector.matchLabels);
    const port = objects.PodMonitor.spec.podMetricsEndpoints[0].port;
    expect(objects.Deployment.spec.template.spec.containers[0].ports.map((p: any) => p.name)).toContain(port);
  });

  test("rejects an image that is not pinned by digest", () => {
    expect(() => metrics(dev, { kubeStateMetricsImage: "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0" })).toThrow(
      'dev-monitoring/SyncEngineMetrics: kubeStateMetricsImage "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.13.0" is not pinned; use an image reference with @sha256:<digest>',
    );
  });
});

describe("SyncEngineMetrics for argo cd", () => {
  test("scrapes the application controller's metrics port 8082 in the argo cd namespace, and nothing for flux", () => {
    const objects = metrics(argoDev, { argoCdNamespace: "gitops" }).manifests.objects;
    expect(objects.map((o) => o.kind).sort()).toEqual(["Namespace", "NetworkPolicy", "PodMonitor"]);
    const monitor = byKind(objects).PodMonitor;
    expect(monitor.spec.namespaceSelector).toEqual({ matchNames: ["gitops"] });
    expect(monitor.spec.selector.matchLabels).toEqual({ "app.kubernetes.io/name": "argocd-application-controller" });
    expect(monitor.spec.podMetricsEndpoints).toEqual([{ targetPort: 8082, path: "/metrics", interval: "30s" }]);
  });

  test("rejects an argo cd namespace that is not a namespace name", () => {
    expect(() => metrics(argoDev, { argoCdNamespace: "Argo_CD" })).toThrow('argoCdNamespace "Argo_CD" is not a namespace name');
  });
});

describe("the azmonitoring.coreos.com/v1 PodMonitor schema", () => {
  const valid = {
    apiVersion: "azmonitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: { name: "m", namespace: "ns" },
    spec: {
      selector: { matchLabels: { app: "x" }, matchExpressions: [{ key: "tier", operator: "In", values: ["a"] }] },
      namespaceSelector: { matchNames: ["ns"] },
      podMetricsEndpoints: [{ port: "metrics", interval: "30s", relabelings: [{ action: "keep", sourceLabels: ["__meta_kubernetes_pod_phase"], regex: "Running" }] }],
    },
  };

  test("is registered with validateKubernetesObject and accepts a valid PodMonitor", () => {
    expect(() => new AzMonitoringPodMonitor(valid).validate()).not.toThrow();
    expect(() => validateKubernetesObject(valid, "here")).not.toThrow();
  });

  test.each([
    [{ ...valid, spec: { podMetricsEndpoints: [] } }, "spec.selector is required"],
    [{ ...valid, spec: { ...valid.spec, selectr: {} } }, "spec.selectr is not a field of spec"],
    [{ ...valid, spec: { ...valid.spec, podMetricsEndpoints: [{ port: "m", interval: "30 seconds" }] } }, 'spec.podMetricsEndpoints[0].interval "30 seconds" is not a duration'],
    [{ ...valid, spec: { ...valid.spec, podMetricsEndpoints: [{ port: 8080 }] } }, "spec.podMetricsEndpoints[0].port must be a string"],
    [{ ...valid, spec: { ...valid.spec, podMetricsEndpoints: [{ port: "m", relabelings: [{ action: "delete" }] }] } }, 'spec.podMetricsEndpoints[0].relabelings[0].action "delete" must be one of'],
    [{ ...valid, spec: { ...valid.spec, selector: { matchExpressions: [{ key: "a", operator: "Is" }] } } }, 'spec.selector.matchExpressions[0].operator "Is" must be one of'],
    [{ ...valid, metadata: { name: "Bad_Name" } }, 'metadata.name "Bad_Name" is not a kubernetes name'],
  ])("rejects %#", (object, message) => {
    expect(() => validateKubernetesObject(object as KubernetesObject, "dev/m")).toThrow(`dev/m: PodMonitor "${(object as any).metadata.name}" does not match its schema: ${message}`);
  });
});
