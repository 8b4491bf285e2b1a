import { defineRule } from "../../rule";
import { onPod, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-24: each workload has its own service account. */
export const podNamedServiceAccount = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-24",
  checkov: "CKV_K8S_41",
  severity: "warning",
  kinds: WORKLOAD_KINDS,
  what: "The pod runs under a named service account, not the namespace's default one.",
  why: "Rights or federated identities given to the default service account reach every pod of the namespace that does not choose one.",
  fix: "Keep the app default (a service account named after the app).",
  evaluate: (object) =>
    onPod(object, (pod) => {
      const name = pod.serviceAccountName ?? pod.serviceAccount;
      return name === undefined || name === "default" ? "runs under the default service account" : undefined;
    }),
});
