import { defineRule } from "../../rule";
import { eachContainer, securityField, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-3: no privilege escalation. */
export const podNoPrivilegeEscalation = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-3",
  checkov: "CKV_K8S_20",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "Every container sets allowPrivilegeEscalation: false.",
  why: "Otherwise setuid binaries in the image can gain more privileges than the process started with.",
  fix: "Keep the app default (allowPrivilegeEscalation: false).",
  evaluate: (object) => eachContainer(object, (c) => (securityField({}, c, "allowPrivilegeEscalation") === false ? undefined : "does not set allowPrivilegeEscalation: false")),
});
