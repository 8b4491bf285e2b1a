// Extracted from docs/sync.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import { TerraformStack } from "cdktf";
import type { EnvironmentSpec as Full } from "cdktf-gitops";
import { AksCluster, ArgoCd, ArgoCdSync, Environment, GitSource } from "cdktf-gitops";
type EnvironmentSpec = Partial<Full>; // the example leaves out fields (// ...)
declare const stack: TerraformStack, appsStack: TerraformStack;
declare const env: Environment;
// (setup above: hidden in the document)
// environments/prod.ts: one line switches prod to Argo CD (buildPlatform adds prod-argocd-apps)
export const prod: EnvironmentSpec = {
  name: "prod",
  // ...
  sync: "argocd",
  gitops: {
    url: "git@github.com:contoso/platform-gitops.git",
    auth: { kind: "ssh", privateKeySecretName: "gitops-ssh-key", knownHostsSecretName: "gitops-known-hosts" },
  },
};

// or compose the constructs yourself, in two stacks
const source = GitSource.ofEnvironment(stack, "Source", env);
AksCluster.fromName(stack, "Cluster", {
  cluster: { name: env.names.of("kubernetesCluster"), resourceGroupName: env.names.of("resourceGroup") },
  kubernetesProvider: true,
  helmProvider: true,
  kubeloginMode: "workloadidentity",
});
new ArgoCd(stack, "ArgoCd", {
  source,
  highAvailability: true,
  values: { configs: { cm: { url: "https://argocd.contoso.com", "oidc.config": "..." } } },
});
// in a later stack that depends on the first (the CRDs must exist when it is planned),
// with its own AksClusterAccess (kubernetesProvider: true)
new ArgoCdSync(appsStack, "Sync", {
  environment: env.name,
  source: GitSource.ofEnvironment(appsStack, "Source", env),
  appNamespaces: ["web", "orders"],
});
