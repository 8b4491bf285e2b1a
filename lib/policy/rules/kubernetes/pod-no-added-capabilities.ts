import { capabilitiesOf } from "../../capabilities";
import { defineRule } from "../../rule";
import { eachContainer, WORKLOAD_KINDS } from "../../kubernetes-values";

/** The only capability the restricted Pod Security Standard lets a container add. */
const ALLOWED = new Set(["NET_BIND_SERVICE"]);

/** GITOPS-POD-6: no added capabilities. */
export const podNoAddedCapabilities = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-6",
  checkov: "CKV_K8S_25",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "No container adds a capability other than NET_BIND_SERVICE.",
  why: "Added capabilities such as SYS_ADMIN or NET_ADMIN give kernel-level powers that the restricted Pod Security Standard refuses anyway.",
  fix: "Remove the added capabilities; listen on a port above 1024 instead of adding more.",
  evaluate: (object) =>
    eachContainer(object, (c) => {
      const added = capabilitiesOf(c).add.filter((cap) => !ALLOWED.has(cap));
      return added.length === 0 ? undefined : `adds capabilities ${added.join(", ")}`;
    }),
});
