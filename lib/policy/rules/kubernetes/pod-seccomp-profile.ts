import { defineRule } from "../../rule";
import { eachContainer, fieldOf, securityField, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-18: a seccomp profile filters system calls. */
export const podSeccompProfile = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-18",
  checkov: "CKV_K8S_31",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "Every container runs with the RuntimeDefault (or a Localhost) seccomp profile, its own or the pod's.",
  why: "Unconfined containers can call every system call, including the rarely used ones most kernel exploits need.",
  fix: "Keep the app default (seccompProfile.type: RuntimeDefault on the pod).",
  evaluate: (object) =>
    eachContainer(object, (c, pod) => {
      const type = fieldOf({ s: securityField(pod, c, "seccompProfile") }, "s").type;
      return type === "RuntimeDefault" || type === "Localhost" ? undefined : "has no RuntimeDefault or Localhost seccomp profile";
    }),
});
