import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf } from "../../kubernetes-values";

/** GITOPS-SPC-1: Key Vault secrets are read with the app's own identity. */
export const secretProviderWorkloadIdentity = defineRule({
  target: "kubernetes",
  id: "GITOPS-SPC-1",
  severity: "error",
  kinds: ["SecretProviderClass"],
  what: "An Azure SecretProviderClass authenticates with workload identity (clientID), not the kubelet's identity or pod identity.",
  why: "The kubelet identity is shared by every pod on the node: with it any pod could read the secrets; AAD pod identity is retired.",
  fix: "Keep the app default (the app's own managed identity through workload identity).",
  evaluate: (object) => {
    const spec = fieldOf(object, "spec");
    if (spec.provider !== "azure") return COMPLIANT;
    const parameters = fieldOf(spec, "parameters");
    if (parameters.useVMManagedIdentity === "true") return nonCompliant("uses the node's (kubelet) managed identity");
    if (parameters.usePodIdentity === "true") return nonCompliant("uses the retired AAD pod identity");
    return typeof parameters.clientID === "string" && parameters.clientID.length > 0 ? COMPLIANT : nonCompliant("sets no clientID for workload identity");
  },
});
