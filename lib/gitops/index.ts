export * from "./kubernetes-object";
export * from "./gitops-manifests";
