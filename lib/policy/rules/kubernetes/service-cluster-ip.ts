import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { fieldOf } from "../../kubernetes-values";

/** GITOPS-SVC-1: services are internal; the ingress is the way in. */
export const serviceClusterIp = defineRule({
  target: "kubernetes",
  id: "GITOPS-SVC-1",
  severity: "warning",
  kinds: ["Service"],
  what: "The Service is of type ClusterIP (exposed, if at all, through the ingress).",
  why: "NodePort and LoadBalancer services open ports outside the ingress's TLS, routing and logging.",
  fix: "Keep the app default (ClusterIP with an Ingress); suppress with the reason for a deliberate load balancer.",
  evaluate: (object) => {
    const type = fieldOf(object, "spec").type ?? "ClusterIP";
    return type === "ClusterIP" ? COMPLIANT : nonCompliant(`is of type ${String(type)}`);
  },
});
