import { PolicyPack } from "./policy-pack";
import { argoApplicationProject } from "./rules/kubernetes/argo-application-project";
import { argoApplicationPrune } from "./rules/kubernetes/argo-application-prune";
import { argoProjectScoped } from "./rules/kubernetes/argo-project-scoped";
import { fluxGitRepositorySecure } from "./rules/kubernetes/flux-git-repository-secure";
import { fluxKustomizationPrune } from "./rules/kubernetes/flux-kustomization-prune";
import { ingressNoSnippets } from "./rules/kubernetes/ingress-no-snippets";
import { ingressTls } from "./rules/kubernetes/ingress-tls";
import { kubernetesNoSecretLiterals } from "./rules/kubernetes/kubernetes-no-secret-literals";
import { namespaceDefaultDeny } from "./rules/kubernetes/namespace-default-deny";
import { namespacePodSecurity } from "./rules/kubernetes/namespace-pod-security";
import { noDefaultNamespace } from "./rules/kubernetes/no-default-namespace";
import { podCpuRequests } from "./rules/kubernetes/pod-cpu-requests";
import { podDropAllCapabilities } from "./rules/kubernetes/pod-drop-all-capabilities";
import { podHighUid } from "./rules/kubernetes/pod-high-uid";
import { podImageDigest } from "./rules/kubernetes/pod-image-digest";
import { podImagePullPolicy } from "./rules/kubernetes/pod-image-pull-policy";
import { podImageTagFixed } from "./rules/kubernetes/pod-image-tag-fixed";
import { podLivenessProbe } from "./rules/kubernetes/pod-liveness-probe";
import { podMemoryLimits } from "./rules/kubernetes/pod-memory-limits";
import { podMemoryRequests } from "./rules/kubernetes/pod-memory-requests";
import { podNamedServiceAccount } from "./rules/kubernetes/pod-named-service-account";
import { podNoAddedCapabilities } from "./rules/kubernetes/pod-no-added-capabilities";
import { podNoHostIpc } from "./rules/kubernetes/pod-no-host-ipc";
import { podNoHostNetwork } from "./rules/kubernetes/pod-no-host-network";
import { podNoHostPath } from "./rules/kubernetes/pod-no-host-path";
import { podNoHostPid } from "./rules/kubernetes/pod-no-host-pid";
import { podNoHostPort } from "./rules/kubernetes/pod-no-host-port";
import { podNoPrivilegeEscalation } from "./rules/kubernetes/pod-no-privilege-escalation";
import { podNotPrivileged } from "./rules/kubernetes/pod-not-privileged";
import { podReadOnlyRootFilesystem } from "./rules/kubernetes/pod-read-only-root-filesystem";
import { podReadinessProbe } from "./rules/kubernetes/pod-readiness-probe";
import { podRunAsNonRoot } from "./rules/kubernetes/pod-run-as-non-root";
import { podSeccompProfile } from "./rules/kubernetes/pod-seccomp-profile";
import { podSecretsAsFiles } from "./rules/kubernetes/pod-secrets-as-files";
import { podServiceAccountToken } from "./rules/kubernetes/pod-service-account-token";
import { rbacBindingSubjects } from "./rules/kubernetes/rbac-binding-subjects";
import { rbacNoEscalationVerbs } from "./rules/kubernetes/rbac-no-escalation-verbs";
import { rbacNoSecretRead } from "./rules/kubernetes/rbac-no-secret-read";
import { rbacNoWildcards } from "./rules/kubernetes/rbac-no-wildcards";
import { secretProviderWorkloadIdentity } from "./rules/kubernetes/secret-provider-workload-identity";
import { serviceClusterIp } from "./rules/kubernetes/service-cluster-ip";
import { serviceNoExternalIps } from "./rules/kubernetes/service-no-external-ips";
import { actionGroupHttpsWebhooks } from "./rules/terraform/action-group-https-webhooks";
import { aksApiServerNotPublic } from "./rules/terraform/aks-api-server-not-public";
import { aksAzurePolicy } from "./rules/terraform/aks-azure-policy";
import { aksAzureRbac } from "./rules/terraform/aks-azure-rbac";
import { aksControlPlaneDiagnostics } from "./rules/terraform/aks-control-plane-diagnostics";
import { aksHostEncryption } from "./rules/terraform/aks-host-encryption";
import { aksHttpApplicationRouting } from "./rules/terraform/aks-http-application-routing";
import { aksLocalAccountsDisabled } from "./rules/terraform/aks-local-accounts-disabled";
import { aksLogAnalytics } from "./rules/terraform/aks-log-analytics";
import { aksMaxPods } from "./rules/terraform/aks-max-pods";
import { aksNetworkPolicy } from "./rules/terraform/aks-network-policy";
import { aksNodePublicIp } from "./rules/terraform/aks-node-public-ip";
import { aksPaidSku } from "./rules/terraform/aks-paid-sku";
import { aksSecretRotation } from "./rules/terraform/aks-secret-rotation";
import { aksSystemPoolCriticalOnly } from "./rules/terraform/aks-system-pool-critical-only";
import { aksUpgradeChannel } from "./rules/terraform/aks-upgrade-channel";
import { aksWorkloadIdentity } from "./rules/terraform/aks-workload-identity";
import { federatedCredentialExact } from "./rules/terraform/federated-credential-exact";
import { fluxPrune } from "./rules/terraform/flux-prune";
import { fluxSecureSource } from "./rules/terraform/flux-secure-source";
import { grafanaApiKeysDisabled } from "./rules/terraform/grafana-api-keys-disabled";
import { helmReleasePinned } from "./rules/terraform/helm-release-pinned";
import { keyVaultFirewall } from "./rules/terraform/key-vault-firewall";
import { keyVaultPrivateEndpoint } from "./rules/terraform/key-vault-private-endpoint";
import { keyVaultPublicNetworkDisabled } from "./rules/terraform/key-vault-public-network-disabled";
import { keyVaultPurgeProtection } from "./rules/terraform/key-vault-purge-protection";
import { keyVaultRbac } from "./rules/terraform/key-vault-rbac";
import { keyVaultRecoverable } from "./rules/terraform/key-vault-recoverable";
import { logAnalyticsLocalAuth } from "./rules/terraform/log-analytics-local-auth";
import { logAnalyticsRetention } from "./rules/terraform/log-analytics-retention";
import { nodePoolHostEncryption } from "./rules/terraform/node-pool-host-encryption";
import { nodePoolMaxPods } from "./rules/terraform/node-pool-max-pods";
import { nodePoolPublicIp } from "./rules/terraform/node-pool-public-ip";
import { nsgNoInternetRdp } from "./rules/terraform/nsg-no-internet-rdp";
import { nsgNoInternetSsh } from "./rules/terraform/nsg-no-internet-ssh";
import { registryAdminDisabled } from "./rules/terraform/registry-admin-disabled";
import { registryAnonymousPullDisabled } from "./rules/terraform/registry-anonymous-pull-disabled";
import { registryPublicNetworkDisabled } from "./rules/terraform/registry-public-network-disabled";
import { registryRetentionPolicy } from "./rules/terraform/registry-retention-policy";
import { registryZoneRedundancy } from "./rules/terraform/registry-zone-redundancy";
import { roleAssignmentLeastPrivilege } from "./rules/terraform/role-assignment-least-privilege";
import { roleAssignmentScope } from "./rules/terraform/role-assignment-scope";
import { storageBlobReadLogging } from "./rules/terraform/storage-blob-read-logging";
import { storageContainerPrivate } from "./rules/terraform/storage-container-private";
import { storageHttpsOnly } from "./rules/terraform/storage-https-only";
import { storageMinTls } from "./rules/terraform/storage-min-tls";
import { storageNetworkDeny } from "./rules/terraform/storage-network-deny";
import { storageNoPublicBlobs } from "./rules/terraform/storage-no-public-blobs";
import { storageReplication } from "./rules/terraform/storage-replication";
import { storageSharedKeyDisabled } from "./rules/terraform/storage-shared-key-disabled";
import { storageSoftDelete } from "./rules/terraform/storage-soft-delete";
import { subnetDefaultOutbound } from "./rules/terraform/subnet-default-outbound";
import { subnetNetworkSecurityGroup } from "./rules/terraform/subnet-network-security-group";
import { terraformNoSecretLiterals } from "./rules/terraform/terraform-no-secret-literals";

/**
 * The Azure platform pack: the Terraform rules over the Azure resources the library synthesizes (AKS, node
 * pools, registry, Key Vault, state storage, network, Log Analytics, monitoring, identities).
 */
export const azurePlatformPack: PolicyPack = {
  name: "azure-platform",
  description: "Azure resources: AKS, node pools, registry, Key Vault, storage, network, Log Analytics, monitoring, identities.",
  rules: [
    registryAdminDisabled,
    registryAnonymousPullDisabled,
    registryPublicNetworkDisabled,
    registryRetentionPolicy,
    registryZoneRedundancy,
    aksLocalAccountsDisabled,
    aksAzureRbac,
    aksNetworkPolicy,
    aksAzurePolicy,
    aksLogAnalytics,
    aksSecretRotation,
    aksUpgradeChannel,
    aksPaidSku,
    aksSystemPoolCriticalOnly,
    aksHostEncryption,
    aksMaxPods,
    aksWorkloadIdentity,
    aksNodePublicIp,
    aksControlPlaneDiagnostics,
    aksHttpApplicationRouting,
    roleAssignmentLeastPrivilege,
    roleAssignmentScope,
    federatedCredentialExact,
    keyVaultPurgeProtection,
    keyVaultRecoverable,
    keyVaultFirewall,
    keyVaultRbac,
    keyVaultPublicNetworkDisabled,
    keyVaultPrivateEndpoint,
    logAnalyticsRetention,
    logAnalyticsLocalAuth,
    grafanaApiKeysDisabled,
    actionGroupHttpsWebhooks,
    subnetNetworkSecurityGroup,
    subnetDefaultOutbound,
    nsgNoInternetSsh,
    nsgNoInternetRdp,
    nodePoolHostEncryption,
    nodePoolMaxPods,
    nodePoolPublicIp,
    storageMinTls,
    storageHttpsOnly,
    storageNoPublicBlobs,
    storageNetworkDeny,
    storageSharedKeyDisabled,
    storageReplication,
    storageSoftDelete,
    storageBlobReadLogging,
    storageContainerPrivate,
  ],
};

/** The Kubernetes workload pack: pod security, resources, probes, namespaces, RBAC, services and ingress. */
export const kubernetesWorkloadPack: PolicyPack = {
  name: "kubernetes-workload",
  description: "Kubernetes objects: pod security, resources and probes, namespaces, RBAC, services, ingress, secret providers.",
  rules: [
    ingressTls,
    ingressNoSnippets,
    noDefaultNamespace,
    namespacePodSecurity,
    namespaceDefaultDeny,
    podRunAsNonRoot,
    podReadOnlyRootFilesystem,
    podNoPrivilegeEscalation,
    podNotPrivileged,
    podDropAllCapabilities,
    podNoAddedCapabilities,
    podCpuRequests,
    podMemoryRequests,
    podMemoryLimits,
    podLivenessProbe,
    podReadinessProbe,
    podImageTagFixed,
    podImagePullPolicy,
    podNoHostNetwork,
    podNoHostPid,
    podNoHostIpc,
    podSeccompProfile,
    podServiceAccountToken,
    podSecretsAsFiles,
    podHighUid,
    podNoHostPort,
    podNoHostPath,
    podNamedServiceAccount,
    rbacNoWildcards,
    rbacNoEscalationVerbs,
    rbacNoSecretRead,
    rbacBindingSubjects,
    secretProviderWorkloadIdentity,
    serviceClusterIp,
    serviceNoExternalIps,
  ],
};

/**
 * The GitOps pack: the library's own promises (digest-pinned images, prune on, no secret-like literals, no
 * public API server, projects that confine Argo CD applications).
 */
export const gitOpsPack: PolicyPack = {
  name: "gitops",
  description: "The library's GitOps promises: digest-pinned images, prune on, no secret-like literals, no public API server.",
  rules: [
    aksApiServerNotPublic,
    argoApplicationPrune,
    argoApplicationProject,
    argoProjectScoped,
    fluxPrune,
    fluxSecureSource,
    fluxKustomizationPrune,
    fluxGitRepositorySecure,
    helmReleasePinned,
    podImageDigest,
    terraformNoSecretLiterals,
    kubernetesNoSecretLiterals,
  ],
};

/** The packs `PolicyChecks` and `buildPlatform` evaluate unless told otherwise. */
export const DEFAULT_POLICY_PACKS: readonly PolicyPack[] = [azurePlatformPack, kubernetesWorkloadPack, gitOpsPack];
