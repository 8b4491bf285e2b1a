/** Namespaces of the platform that apps must never deploy into (denied by the default AppProject). */
export const PLATFORM_NAMESPACES: readonly string[] = [
  "kube-system",
  "kube-public",
  "kube-node-lease",
  "argocd",
  "flux-system",
  "gatekeeper-system",
  "app-routing-system",
  "aks-command",
];

/** The namespace of the sync metrics exporter and the PodMonitors. */
export const SYNC_METRICS_NAMESPACE = "gitops-monitoring";
