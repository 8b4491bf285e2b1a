export * from "./kubernetes-object";
export * from "./gitops-manifests";
export * from "./kustomization-file";
export * from "./to-yaml";
export * from "./azmonitoring-pod-monitor";
export * from "./secret-provider-class-model";
