import { defineRule } from "../../rule";
import { eachContainer, securityField, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-2: read-only root filesystems. */
export const podReadOnlyRootFilesystem = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-2",
  checkov: "CKV_K8S_22",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "Every container has readOnlyRootFilesystem: true.",
  why: "A writable image filesystem lets an attacker drop tools and persist changes; writable paths should be explicit emptyDir volumes.",
  fix: "Keep the app default (read-only root with an emptyDir at /tmp); mount more emptyDir volumes where the app writes.",
  evaluate: (object) => eachContainer(object, (c) => (securityField({}, c, "readOnlyRootFilesystem") === true ? undefined : "does not set readOnlyRootFilesystem: true")),
});
