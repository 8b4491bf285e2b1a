import { defineRule } from "../../rule";
import { eachContainer, securityField, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-4: no privileged containers. */
export const podNotPrivileged = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-4",
  checkov: "CKV_K8S_16",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "No container is privileged.",
  why: "A privileged container has every capability and every device of the node: it is the node.",
  fix: "Remove privileged: true; grant the one capability needed instead.",
  evaluate: (object) => eachContainer(object, (c) => (securityField({}, c, "privileged") === true ? "is privileged" : undefined)),
});
