import { KubernetesObject } from "../../kubernetes/kubernetes-object";
import { ResolvedApp } from "../resolved-app";
import { appSelector, literalMeta } from "./object-meta";

/** The app's ClusterIP Service: its service port to the container's `http` port. */
export function appService(app: ResolvedApp): KubernetesObject {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: literalMeta(app, app.name),
    spec: { type: "ClusterIP", selector: appSelector(app), ports: [{ name: "http", port: app.servicePort, targetPort: "http", protocol: "TCP" }] },
  };
}

/**
 * The app's NetworkPolicies: `default-deny` (all ingress denied) and `allow-<app>` (the app's port from its
 * namespace, `allowFromNamespaces` and the ingress controller's namespace).
 */
export function appNetworkPolicies(app: ResolvedApp): KubernetesObject[] {
  const allowedNamespaces = [...new Set([...app.allowFromNamespaces, ...(app.ingress ? [app.ingress.controllerNamespace] : [])])].sort();
  const from = [{ podSelector: {} }, ...allowedNamespaces.map((namespace) => ({ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": namespace } } }))];
  return [
    { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: literalMeta(app, "default-deny"), spec: { podSelector: {}, policyTypes: ["Ingress"] } },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: literalMeta(app, `allow-${app.name}`),
      spec: { podSelector: { matchLabels: appSelector(app) }, policyTypes: ["Ingress"], ingress: [{ from, ports: [{ port: app.port, protocol: "TCP" }] }] },
    },
  ];
}

/** The app's Ingress (class of the AKS application routing add-on by default); undefined without `ingress`. */
export function appIngress(app: ResolvedApp): KubernetesObject | undefined {
  const ingress = app.ingress;
  if (!ingress) return undefined;
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: literalMeta(app, app.name),
    spec: {
      ingressClassName: ingress.className,
      rules: [{ host: ingress.host, http: { paths: [{ path: ingress.path, pathType: "Prefix", backend: { service: { name: app.name, port: { name: "http" } } } }] } }],
      ...(ingress.tlsSecretName ? { tls: [{ hosts: [ingress.host], secretName: ingress.tlsSecretName }] } : {}),
    },
  };
}
