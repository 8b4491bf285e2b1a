import { PolicyKubernetesObject, TerraformResourceInput } from "../../lib/policy";

/** A Terraform rule case: the resource and the other resources of its stack. */
export interface TerraformCase {
  readonly resource: TerraformResourceInput;
  readonly others?: readonly TerraformResourceInput[];
}

/** A Kubernetes rule case: the object and the other objects written with it. */
export interface KubernetesCase {
  readonly object: PolicyKubernetesObject;
  readonly others?: readonly PolicyKubernetesObject[];
}

/** A resource of `type` named `x`. */
export function tf(type: string, body: Record<string, unknown>, name = "x"): TerraformResourceInput {
  return { type, name, body };
}

/** A hardened container, changed by `change`. */
export function container(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: "app",
    image: `example.azurecr.io/app:1.0.0@sha256:${"a".repeat(64)}`,
    imagePullPolicy: "IfNotPresent",
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, privileged: false, capabilities: { drop: ["ALL"] } },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
    livenessProbe: { httpGet: { path: "/health", port: 8080 } },
    readinessProbe: { httpGet: { path: "/health", port: 8080 } },
    ports: [{ containerPort: 8080 }],
    ...change,
  };
}

/** A hardened Deployment whose pod spec is changed by `pod` and whose single container by `change`. */
export function deployment(change: Record<string, unknown> = {}, pod: Record<string, unknown> = {}): PolicyKubernetesObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "app", namespace: "app" },
    spec: {
      selector: { matchLabels: { app: "app" } },
      template: {
        metadata: { labels: { app: "app" } },
        spec: {
          automountServiceAccountToken: false,
          serviceAccountName: "app",
          securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
          containers: [container(change)],
          ...pod,
        },
      },
    },
  };
}

/** An object of `kind` with `rest` merged in. */
export function k8s(apiVersion: string, kind: string, name: string, namespace: string | undefined, rest: Record<string, unknown> = {}): PolicyKubernetesObject {
  return { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, ...rest };
}
