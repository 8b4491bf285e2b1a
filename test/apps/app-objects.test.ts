import { App, TerraformStack } from "cdktf";
import { appClientIdVariable, appObjects, configMapName, identityPatches, TENANT_ID_VARIABLE } from "../../lib/apps/app-objects";
import { AppSpec } from "../../lib/apps/app-spec";
import { resolveApp } from "../../lib/apps/resolved-app";
import { appProblems } from "../../lib/apps/validate-apps";
import { FLUX_VARIABLE_PATTERN } from "../../lib/gitops/flux-git-ops";
import { GitOpsManifests } from "../../lib/kubernetes/gitops-manifests";
import { validateKubernetesObject } from "../../lib/kubernetes/kubernetes-object";
import { applyPatches, placeholders, targets } from "../support/kustomize";
import { appSpec, pinned } from "../support/fixtures";

const AZURE = { clientId: "${APP_WEB_CLIENT_ID}", tenantId: "${AZURE_TENANT_ID}", keyVaultName: "kv-contoso-dev" };

function objectsOf(spec: Partial<AppSpec> = {}, env = "dev", image = pinned(spec.name ?? "web")) {
  return appObjects(resolveApp(appSpec(spec), env, image), AZURE);
}

function find(objects: any[], kind: string, name?: string): any {
  const found = objects.filter((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ""}, found ${found.length}`);
  return found[0];
}

const FULL: Partial<AppSpec> = {
  autoscale: { minReplicas: 2, maxReplicas: 5 },
  config: { "settings.json": "{}\n" },
  secrets: { DB_PASSWORD: { keyVaultSecret: "web-db-password" } },
  ingress: { host: "shop.contoso.com", tlsSecretName: "shop-tls" },
  allowFromNamespaces: ["api"],
};

describe("appObjects", () => {
  test("every object of a full app matches its upstream schema (written through GitOpsManifests)", () => {
    const manifests = new GitOpsManifests(new TerraformStack(new App(), "s"), "M", { environment: "dev", folder: "apps/web" });
    manifests.add(...objectsOf(FULL));
    expect(Object.keys(manifests.render()).map((file) => file.replace(/-[0-9a-f]{10}\.yaml$/, "-<hash>.yaml"))).toEqual([
      "dev/apps/web/configmap-web-config-<hash>.yaml",
      "dev/apps/web/deployment-web.yaml",
      "dev/apps/web/horizontalpodautoscaler-web.yaml",
      "dev/apps/web/ingress-web.yaml",
      "dev/apps/web/namespace-web.yaml",
      "dev/apps/web/networkpolicy-allow-web.yaml",
      "dev/apps/web/networkpolicy-default-deny.yaml",
      "dev/apps/web/poddisruptionbudget-web.yaml",
      "dev/apps/web/secretproviderclass-web-secrets-<hash>.yaml",
      "dev/apps/web/service-web.yaml",
      "dev/apps/web/serviceaccount-web.yaml",
    ]);
    expect(Object.values(manifests.render()).join("\n")).not.toMatch(/&a\d|\*a\d/);
  });

  test("a minimal app has no ConfigMap, SecretProviderClass, HPA or Ingress", () => {
    expect(objectsOf().map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      "Deployment/web",
      "Namespace/web",
      "NetworkPolicy/allow-web",
      "NetworkPolicy/default-deny",
      "PodDisruptionBudget/web",
      "Service/web",
      "ServiceAccount/web",
    ]);
  });

  test("the Deployment has every security default", () => {
    const deployment = find(objectsOf(FULL), "Deployment");
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    expect(pod.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 10001, runAsGroup: 10001, fsGroup: 10001, seccompProfile: { type: "RuntimeDefault" } });
    expect(container.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBe("web");
    expect(deployment.spec.template.metadata.labels["azure.workload.identity/use"]).toBe("true");
    expect(container.image).toBe(pinned("web"));
    expect(container.imagePullPolicy).toBe("IfNotPresent");
    expect(deployment.spec.revisionHistoryLimit).toBe(10);
    expect(deployment.spec.strategy).toEqual({ type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: "25%" } });
    expect(container.resources).toEqual({ requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "128Mi" } });
    expect(container.readinessProbe).toEqual({ tcpSocket: { port: "http" }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
    expect(container.livenessProbe).toMatchObject({ tcpSocket: { port: "http" }, initialDelaySeconds: 10 });
    expect(container.volumeMounts).toContainEqual({ name: "tmp", mountPath: "/tmp" });
    // Autoscaled: the HPA owns the replica count.
    expect(deployment.spec.replicas).toBeUndefined();
  });

  test("fixed replicas, HTTP probes, resources and env from the spec", () => {
    const deployment = find(
      objectsOf({
        replicas: 3,
        probes: { readiness: { path: "/ready" }, startup: { path: "/started", port: 9090, failureThreshold: 30 } },
        resources: { cpu: "250m", memory: "256Mi", cpuLimit: "1", memoryLimit: "512Mi" },
        env: { B: "2", A: "1" },
        secrets: { TOKEN: { keyVaultSecret: "web-token" } },
        secretsAs: "environment",
      }),
      "Deployment",
    );
    const container = deployment.spec.template.spec.containers[0];
    expect(deployment.spec.replicas).toBe(3);
    expect(container.readinessProbe.httpGet).toEqual({ path: "/ready", port: "http" });
    expect(container.startupProbe).toMatchObject({ httpGet: { path: "/started", port: 9090 }, failureThreshold: 30 });
    expect(container.resources).toEqual({ requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "512Mi" } });
    expect(container.env.map((e: any) => e.name)).toEqual(["A", "B", "TOKEN"]);
    expect(container.env[2].valueFrom.secretKeyRef.name).toMatch(/^web-secrets-[0-9a-f]{10}$/);
  });

  test("Namespace enforces the restricted pod security standard; ServiceAccount has the workload identity annotations", () => {
    const objects = objectsOf();
    expect(find(objects, "Namespace").metadata.labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const account = find(objects, "ServiceAccount");
    expect(account.metadata.annotations).toEqual({ "azure.workload.identity/client-id": "${APP_WEB_CLIENT_ID}", "azure.workload.identity/tenant-id": "${AZURE_TENANT_ID}" });
    expect(account.automountServiceAccountToken).toBe(false);
  });

  test("Service, PodDisruptionBudget and HorizontalPodAutoscaler", () => {
    const objects = objectsOf(FULL);
    expect(find(objects, "Service").spec).toEqual({
      type: "ClusterIP",
      selector: { "app.kubernetes.io/name": "web" },
      ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }],
    });
    expect(find(objects, "PodDisruptionBudget").spec).toEqual({ maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "web" } } });
    expect(find(objects, "HorizontalPodAutoscaler").spec).toMatchObject({ minReplicas: 2, maxReplicas: 5, scaleTargetRef: { kind: "Deployment", name: "web" } });
    expect(find(objects, "HorizontalPodAutoscaler").spec.metrics[0].resource.target).toEqual({ type: "Utilization", averageUtilization: 70 });
  });

  test("NetworkPolicies deny all ingress and allow the app's port from its namespace, listed namespaces and the ingress controller", () => {
    const objects = objectsOf(FULL);
    expect(find(objects, "NetworkPolicy", "default-deny").spec).toEqual({ podSelector: {}, policyTypes: ["Ingress"] });
    expect(find(objects, "NetworkPolicy", "allow-web").spec).toEqual({
      podSelector: { matchLabels: { "app.kubernetes.io/name": "web" } },
      policyTypes: ["Ingress"],
      ingress: [
        {
          from: [
            { podSelector: {} },
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "api" } } },
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "app-routing-system" } } },
          ],
          ports: [{ port: 8080, protocol: "TCP" }],
        },
      ],
    });
  });

  test("Ingress routes the host to the Service with TLS", () => {
    expect(find(objectsOf(FULL), "Ingress").spec).toEqual({
      ingressClassName: "webapprouting.kubernetes.azure.com",
      rules: [{ host: "shop.contoso.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "web", port: { name: "http" } } } }] } }],
      tls: [{ hosts: ["shop.contoso.com"], secretName: "shop-tls" }],
    });
  });

  test("secrets are files of the CSI volume by default: no synced Kubernetes Secret, no environment variable", () => {
    const objects = objectsOf(FULL);
    const spc = find(objects, "SecretProviderClass");
    expect(spc.spec.secretObjects).toBeUndefined();
    const container = find(objects, "Deployment").spec.template.spec.containers[0];
    expect((container.env ?? []).some((e: any) => e.valueFrom?.secretKeyRef)).toBe(false);
    expect(container.volumeMounts).toContainEqual({ name: "secrets-store", mountPath: "/mnt/secrets-store", readOnly: true });
  });

  test("secretsAs environment: the driver syncs a Secret that the variables read; no secret value anywhere", () => {
    const objects = objectsOf({ ...FULL, secretsAs: "environment" });
    const spc = find(objects, "SecretProviderClass");
    expect(spc.spec.provider).toBe("azure");
    expect(spc.spec.parameters).toMatchObject({ keyvaultName: "kv-contoso-dev", clientID: "${APP_WEB_CLIENT_ID}", tenantId: "${AZURE_TENANT_ID}", usePodIdentity: "false" });
    expect(spc.spec.parameters.objects).toContain("objectName: web-db-password");
    expect(spc.spec.secretObjects).toEqual([
      { secretName: spc.metadata.name, type: "Opaque", labels: expect.any(Object), data: [{ objectName: "DB_PASSWORD", key: "DB_PASSWORD" }] },
    ]);
    const pod = find(objects, "Deployment").spec.template.spec;
    expect(pod.volumes).toContainEqual({ name: "secrets-store", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: spc.metadata.name } } });
    expect(objects.some((o) => o.kind === "Secret")).toBe(false);
  });

  test("config maps and secret references get content-hashed names that change with the content, kept on prune", () => {
    const a = resolveApp(appSpec({ config: { "a.conf": "x=1" } }), "dev", pinned("web"));
    const b = resolveApp(appSpec({ config: { "a.conf": "x=2" } }), "dev", pinned("web"));
    expect(configMapName(a)).toMatch(/^web-config-[0-9a-f]{10}$/);
    expect(configMapName(a)).not.toBe(configMapName(b));
    expect(configMapName(a)).toBe(configMapName(resolveApp(appSpec({ config: { "a.conf": "x=1" } }), "prod", pinned("web", "2.0.0"))));
    const configMap = find(appObjects(a, AZURE), "ConfigMap");
    expect(configMap.immutable).toBe(true);
    // Kept on prune by both engines, and left out of Argo CD's sync status: a kept old revision must not
    // leave the Application OutOfSync (and fire ArgoCdAppOutOfSync) after every config change.
    const keep = {
      "kustomize.toolkit.fluxcd.io/prune": "disabled",
      "argocd.argoproj.io/sync-options": "Prune=false",
      "argocd.argoproj.io/compare-options": "IgnoreExtraneous",
    };
    expect(configMap.metadata.annotations).toMatchObject(keep);
    expect(find(objectsOf(FULL), "SecretProviderClass").metadata.annotations).toEqual(keep);
    expect(find(appObjects(a, AZURE), "Deployment").spec.template.spec.volumes).toContainEqual({ name: "config", configMap: { name: configMapName(a) } });

    const spcName = (version?: string) => find(objectsOf({ secrets: { X: { keyVaultSecret: "x", version } } }), "SecretProviderClass").metadata.name;
    expect(spcName()).not.toBe(spcName("0123456789abcdef0123456789abcdef"));
  });

  test("environment overrides replace scalars and merge maps", () => {
    const spec = appSpec({
      autoscale: { minReplicas: 2, maxReplicas: 4 },
      env: { A: "1", B: "1" },
      environments: { dev: { replicas: 1, env: { B: "2" } }, prod: { autoscale: { minReplicas: 3, maxReplicas: 9 } } },
    });
    const dev = resolveApp(spec, "dev", pinned("web"));
    const prod = resolveApp(spec, "prod", pinned("web"));
    expect(dev.replicas).toBe(1);
    expect(dev.autoscale).toBeUndefined();
    expect(dev.env).toEqual({ A: "1", B: "2" });
    expect(prod.autoscale).toEqual({ minReplicas: 3, maxReplicas: 9, targetCpuUtilizationPercent: 70 });
    expect(resolveApp(spec, "staging", pinned("web")).autoscale?.minReplicas).toBe(2);
  });
});

describe("identity placeholders and flux substitution", () => {
  const USER_TEXT: Partial<AppSpec> = {
    ...FULL,
    env: { GREETING: "${HOME} and ${APP_WEB_CLIENT_ID}" },
    config: { "app.sh": "echo ${USER}\n" },
    ingress: { host: "shop.contoso.com", path: "/x" },
  };

  test("only the ServiceAccount and the SecretProviderClass allow flux substitution; every other object opts out", () => {
    const objects = objectsOf(USER_TEXT);
    for (const object of objects) {
      const disabled = object.metadata.annotations?.["kustomize.toolkit.fluxcd.io/substitute"] === "disabled";
      expect([`${object.kind}`, disabled]).toEqual([object.kind, !["ServiceAccount", "SecretProviderClass"].includes(object.kind)]);
    }
    // user text with ${...} is only ever in opted-out objects
    const substituted = objects.filter((o) => o.metadata.annotations?.["kustomize.toolkit.fluxcd.io/substitute"] !== "disabled");
    expect(substituted.flatMap((o) => placeholders(JSON.stringify(o))).sort()).toEqual(["APP_WEB_CLIENT_ID", "APP_WEB_CLIENT_ID", "AZURE_TENANT_ID", "AZURE_TENANT_ID"]);
    expect(JSON.stringify(find(objects, "Deployment"))).toContain("${HOME} and ${APP_WEB_CLIENT_ID}");
    expect(find(objects, "ConfigMap").data["app.sh"]).toBe("echo ${USER}\n");
  });

  test("client id variable names are valid flux names and one-to-one for valid app names", () => {
    expect(appClientIdVariable("web")).toBe("APP_WEB_CLIENT_ID");
    expect(appClientIdVariable("my-api")).toBe("APP_MY_API_CLIENT_ID");
    expect(appClientIdVariable("a1--b2")).toBe("APP_A1__B2_CLIENT_ID");
    const names = ["web", "my-api", "myapi", "my--api", "api-client-id", "api", "x9-y"];
    const variables = names.map(appClientIdVariable);
    expect(new Set(variables).size).toBe(names.length);
    for (const variable of [...variables, TENANT_ID_VARIABLE]) expect(variable).toMatch(FLUX_VARIABLE_PATTERN);
    // "_" is not allowed in app names, so "my_api" can never collide with "my-api"
    expect(appProblems(appSpec({ name: "my_api" }))).toEqual([expect.stringContaining('name "my_api" is not valid')]);
  });

  test("identity patches set the ServiceAccount annotations and SecretProviderClass parameters, leaving no placeholder", () => {
    const app = resolveApp(appSpec(USER_TEXT), "dev", pinned("web"));
    const objects = appObjects(app, AZURE);
    const patches = identityPatches(app, { clientId: "11111111-1111-1111-1111-111111111111", tenantId: "22222222-2222-2222-2222-222222222222" });
    expect(patches.map((p) => p.target)).toEqual([
      { version: "v1", kind: "ServiceAccount", name: "web", namespace: "web" },
      { group: "secrets-store.csi.x-k8s.io", version: "v1", kind: "SecretProviderClass", namespace: "web", labelSelector: "app.kubernetes.io/name=web" },
    ]);
    for (const patch of patches) expect(objects.filter((o) => targets(patch.target, o))).toHaveLength(1);
    const patched = applyPatches(objects, patches);
    expect(find(patched, "ServiceAccount").metadata.annotations).toEqual({
      "azure.workload.identity/client-id": "11111111-1111-1111-1111-111111111111",
      "azure.workload.identity/tenant-id": "22222222-2222-2222-2222-222222222222",
    });
    expect(find(patched, "SecretProviderClass").spec.parameters).toMatchObject({ clientID: "11111111-1111-1111-1111-111111111111", tenantId: "22222222-2222-2222-2222-222222222222" });
    for (const object of patched) validateKubernetesObject(object, "test");
    // the only placeholders left are the user's own text in opted-out objects
    expect(patched.filter((o) => ["ServiceAccount", "SecretProviderClass"].includes(o.kind)).flatMap((o) => placeholders(JSON.stringify(o)))).toEqual([]);
  });

  test("an app without secrets gets only the ServiceAccount patch; patches are pure", () => {
    const app = resolveApp(appSpec(), "dev", pinned("web"));
    const ids = { clientId: "c", tenantId: "t" };
    expect(identityPatches(app, ids).map((p) => p.target.kind)).toEqual(["ServiceAccount"]);
    expect(identityPatches(app, ids)).toEqual(identityPatches(resolveApp(appSpec(), "dev", pinned("web", "2.0.0")), ids));
  });
});
