export * from "./git-source";
export * from "./aks-cluster-access";
export * from "./cluster-baseline";
export * from "./flux-git-ops";
export * from "./argo-cd";
export * from "./argo-cd-sync";
