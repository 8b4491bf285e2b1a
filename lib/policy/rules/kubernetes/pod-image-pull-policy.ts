import { DIGEST_PINNED } from "../../images";
import { defineRule } from "../../rule";
import { eachContainer, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-14: images are re-pulled unless the digest pins them. */
export const podImagePullPolicy = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-14",
  checkov: "CKV_K8S_15",
  severity: "warning",
  kinds: WORKLOAD_KINDS,
  what: "A container's image is pinned by digest, or its imagePullPolicy is Always.",
  why: "With a mutable reference and IfNotPresent a node keeps running whatever it cached, and registry authorization is not checked again; a digest makes the cached copy the right one.",
  fix: "Pin images by digest (then IfNotPresent is safe and saves pulls).",
  evaluate: (object) =>
    eachContainer(object, (c) =>
      (typeof c.image === "string" && DIGEST_PINNED.test(c.image)) || c.imagePullPolicy === "Always" ? undefined : "is neither digest-pinned nor pulled Always",
    ),
});
