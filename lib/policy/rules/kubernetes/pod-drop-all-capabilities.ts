import { capabilitiesOf } from "../../capabilities";
import { defineRule } from "../../rule";
import { eachContainer, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-5: all capabilities dropped. */
export const podDropAllCapabilities = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-5",
  checkov: "CKV_K8S_37",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "Every container drops ALL Linux capabilities.",
  why: "The runtime's default set (NET_RAW, CHOWN, SETUID ...) is more than a web service needs and helps spoofing and escalation.",
  fix: "Keep the app default (capabilities.drop: [ALL]).",
  evaluate: (object) => eachContainer(object, (c) => (capabilitiesOf(c).drop.includes("ALL") ? undefined : "does not drop ALL capabilities")),
});
