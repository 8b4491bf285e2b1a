// The package entry: the library (lib/) and the composable stacks (stacks/). lib/ never imports stacks/.
export * from "./lib";
export * from "./stacks/environment-stack";
export * from "./stacks/platform-stack";
export * from "./stacks/monitoring-stack";
export * from "./stacks/state-stack";
export * from "./stacks/build-platform";
export * from "./stacks/app-stack";
export * from "./stacks/gitops-stack";
export * from "./stacks/argocd-apps-stack";
export * from "./stacks/azure-devops-governance-stack";
