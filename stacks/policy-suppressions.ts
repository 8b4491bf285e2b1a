import { Platform } from "../lib/environment/resolve-platform";
import { suppressPolicy } from "../lib/policy/suppressions";
import type { TerraformStack } from "cdktf";
import type { Environment } from "../lib/environment/environment";
import type { EnvironmentStacks } from "./build-platform";
import type { PlatformStack } from "./platform-stack";

/**
 * The library's reasoned exceptions to its own policy packs, by tier: each one is a trade-off the reference
 * platform makes on purpose, recorded with its reason in policy-report.json (see docs/policy.md). A spec that
 * removes the trade-off (e.g. `privateEndpoints: true`) removes the finding, and the suppression with it.
 */
export function addPlatformSuppressions(platform: Platform, environments: Readonly<Record<string, EnvironmentStacks>>, delivery?: TerraformStack): void {
  if (delivery) {
    suppressPolicy(delivery, [{
      ruleId: "GITOPS-IAM-2",
      reason:
        "the pipeline identities plan and apply a whole environment, whose resource groups terraform creates: their roles are scoped to the environment's subscription, federated to one GitHub environment each (apply behind approval), and role delegation is constrained by a condition",
    }]);
  }
  for (const environment of platform.environments) {
    const stacks = environments[environment.name];
    addPlatformStackSuppressions(environment, stacks.platform);
    addSyncSuppressions(environment, stacks);
  }
}

/** The trade-offs of an environment's platform stack: registry and vault network access, tier cost choices. */
function addPlatformStackSuppressions(environment: Environment, platformStack: PlatformStack): void {
  if (environment.promotesFrom === undefined) {
    suppressPolicy(platformStack.containerRegistry, [{
      ruleId: "GITOPS-ACR-3",
      reason:
        "first registry of the promotion chain: CI pushes from hosted runners without fixed addresses and every later environment's cluster pulls the promoted digests from it across virtual networks; " +
        "access is Azure AD only (admin user and anonymous pull off, AcrPull per cluster). Private access would need Premium (about USD 50 instead of 20 a month), an endpoint in every environment's network and in-network runners",
    }]);
  } else if (!environment.privateEndpoints || environment.registrySku !== "Premium") {
    suppressPolicy(platformStack.containerRegistry, [{
      ruleId: "GITOPS-ACR-3",
      reason: `private endpoints are off for this environment (privateEndpoints defaults to true for prod only; about USD 8 a month per endpoint); pulls use Azure AD (AcrPull) over TLS. Set privateEndpoints: true to close it`,
    }]);
  }
  suppressPolicy(platformStack.keyVault, [{
    ruleId: "GITOPS-KV-5",
    reason:
      "terraform plans read the GitOps credential secret from the CI runners (a data source), so the public endpoint stays, behind a firewall that denies by default (node subnet and trusted Azure services allowed)",
  }]);
  if (!environment.privateEndpoints) {
    suppressPolicy(platformStack.keyVault, [{
      ruleId: "GITOPS-KV-6",
      reason: "private endpoints are a prod tier default; this environment's cluster reaches the vault over the node subnet's service endpoint. Set privateEndpoints: true to add one",
    }]);
  }
  if (environment.tier === "dev") {
    suppressPolicy(platformStack.cluster, [{
      ruleId: "GITOPS-AKS-9",
      reason: "dev tier: the Free control plane (no uptime SLA) is the cost trade-off of a development cluster; staging and prod use Standard",
    }]);
    suppressPolicy(platformStack.keyVault, [{
      ruleId: "GITOPS-KV-2",
      reason: "dev tier: deleted secrets stay recoverable for 7 days (purge protection stays on), so a rebuilt dev vault's contents are not held for months",
    }]);
  }
  if (environment.tier !== "prod") {
    suppressPolicy(platformStack.containerRegistry, [{
      ruleId: "GITOPS-ACR-5",
      reason: "zone redundancy is kept for prod registries; staging can wait for a zone to come back",
    }]);
  }
}

/** The trade-offs of an environment's sync: the open apps project before any app, the feedback pause pod, the Flux metrics. */
function addSyncSuppressions(environment: Environment, stacks: EnvironmentStacks): void {
  const { monitoring } = stacks;
  if (stacks.argoCdApps && Object.keys(stacks.apps).length === 0) {
    suppressPolicy(stacks.argoCdApps, [{
      ruleId: "GITOPS-ARGO-3",
      objects: [`AppProject/${environment.name}`],
      reason:
        "no app is pinned in this environment yet: the apps project allows every namespace except the platform's (denied first), so the first app needs no project change; once apps are pinned the project lists exactly their namespaces",
    }]);
  }
  if (stacks.gitops.feedback) {
    suppressPolicy(stacks.gitops.feedback, [
      ...["GITOPS-POD-10", "GITOPS-POD-11"].map((ruleId) => ({
        ruleId,
        objects: ["Deployment/release-feedback-secrets"],
        reason: "the pause container only keeps the Secrets Store CSI volume mounted so that the driver syncs the notification secrets; it serves nothing a probe could check",
      })),
    ]);
  }
  if (monitoring.syncEngineMetrics) {
    suppressPolicy(monitoring.syncEngineMetrics.manifests, [{
      ruleId: "GITOPS-POD-19",
      objects: ["Deployment/gitops-monitoring/flux-state-metrics"],
      reason: "kube-state-metrics lists and watches the Flux custom resources through the API server; its ClusterRole is read-only (list, watch)",
    }]);
  }
}
