export * from "./git-source";
export * from "./cluster-baseline";
export * from "./flux-git-ops";
export * from "./argo-cd";
export * from "./argo-cd-sync";
