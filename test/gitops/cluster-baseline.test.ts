import { App, TerraformStack } from "cdktf";
import { resolvePlatform } from "../../lib/environment/resolve-platform";
import { APP_PRIORITY_CLASSES, ClusterBaseline } from "../../lib/gitops/cluster-baseline";
import { validateKubernetesObject } from "../../lib/kubernetes/kubernetes-object";
import { platformSpec } from "../support/fixtures";

const dev = resolvePlatform(platformSpec()).environments[0];

describe("ClusterBaseline", () => {
  test("renders priority classes and the environment ConfigMap into environments/<env>/infrastructure", () => {
    const baseline = new ClusterBaseline(new TerraformStack(new App(), "dev-gitops"), "Infrastructure", { environment: dev });
    expect(Object.keys(baseline.manifests.render())).toEqual([
      "dev/infrastructure/configmap-platform-environment.yaml",
      "dev/infrastructure/priorityclass-apps-best-effort.yaml",
      "dev/infrastructure/priorityclass-apps-critical.yaml",
      "dev/infrastructure/priorityclass-apps-standard.yaml",
    ]);
    for (const object of baseline.objects) expect(() => validateKubernetesObject(object, "test")).not.toThrow();
  });

  test("priority classes are opt-in (never the global default); only best-effort never preempts", () => {
    const baseline = new ClusterBaseline(new TerraformStack(new App(), "dev-gitops"), "Infrastructure", { environment: dev });
    const classes = baseline.objects.filter((o) => o.kind === "PriorityClass");
    expect(classes.map((c) => [c.metadata.name, c.value, c.globalDefault, c.preemptionPolicy])).toEqual([
      ["apps-best-effort", APP_PRIORITY_CLASSES["apps-best-effort"], false, "Never"],
      ["apps-critical", 100000, false, "PreemptLowerPriority"],
      ["apps-standard", 1000, false, "PreemptLowerPriority"],
    ]);
    expect(classes.every((c) => c.metadata.namespace === undefined)).toBe(true);
  });

  test("the environment ConfigMap lives in kube-public and describes the environment", () => {
    const baseline = new ClusterBaseline(new TerraformStack(new App(), "dev-gitops"), "Infrastructure", { environment: dev });
    const configMap = baseline.objects.find((o) => o.kind === "ConfigMap")!;
    expect(configMap.metadata.namespace).toBe("kube-public");
    expect(configMap.data).toEqual({
      project: "contoso",
      environment: "dev",
      tier: "dev",
      location: "westeurope",
      "sync-engine": "flux",
      "gitops-repository": "https://github.com/contoso/platform-gitops.git",
      "gitops-branch": "main",
      "apps-path": "environments/dev/apps",
    });
  });

  test("extra objects are validated and added", () => {
    const stack = new TerraformStack(new App(), "dev-gitops");
    const extra = { apiVersion: "v1", kind: "Namespace", metadata: { name: "ingress" } };
    expect(new ClusterBaseline(stack, "A", { environment: dev, objects: [extra] }).objects.map((o) => o.kind)).toContain("Namespace");
    expect(() => new ClusterBaseline(stack, "B", { environment: dev, objects: [{ apiVersion: "scheduling.k8s.io/v1", kind: "PriorityClass", metadata: { name: "x" }, value: "high" }] })).toThrow(
      'dev-gitops/B/Resource: PriorityClass "x" does not match its schema',
    );
  });
});
