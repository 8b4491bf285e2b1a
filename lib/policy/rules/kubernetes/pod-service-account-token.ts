import { defineRule } from "../../rule";
import { onPod, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-19: no API token unless the pod talks to the API server. */
export const podServiceAccountToken = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-19",
  checkov: "CKV_K8S_38",
  severity: "warning",
  kinds: WORKLOAD_KINDS,
  what: "The pod sets automountServiceAccountToken: false.",
  why: "A mounted token lets whoever runs code in the pod call the API server with the service account's rights; workload identity needs no token mount.",
  fix: "Keep the app default; a component that reads the Kubernetes API suppresses this with the reason.",
  evaluate: (object) => onPod(object, (pod) => (pod.automountServiceAccountToken === false ? undefined : "mounts a service account token (automountServiceAccountToken is not false)")),
});
