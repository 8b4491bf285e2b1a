import { defineRule } from "../../rule";
import { eachContainer, securityField, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-21: a user id outside the node's range. */
export const podHighUid = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-21",
  checkov: "CKV_K8S_40",
  severity: "warning",
  kinds: WORKLOAD_KINDS,
  what: "Every container runs as a user id of 10000 or more.",
  why: "Low user ids collide with users on the node; after an escape the process would own their files.",
  fix: "Keep the app default runAsUser (10001); the image's user must match or be overridden.",
  evaluate: (object) =>
    eachContainer(object, (c, pod) => {
      const uid = securityField(pod, c, "runAsUser");
      return typeof uid === "number" && uid >= 10000 ? undefined : `runs as user ${uid === undefined ? "(image default)" : String(uid)}, below 10000`;
    }),
});
