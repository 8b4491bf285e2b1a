import { DIGEST_PINNED } from "../../images";
import { defineRule } from "../../rule";
import { eachContainer, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-12: images pinned by digest. */
export const podImageDigest = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-12",
  checkov: "CKV_K8S_43",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "Every container image is pinned by digest (@sha256:...).",
  why: "A tag can be moved to other bytes at any time; only a digest makes the release in Git the release that runs, and promotion promote the same bytes.",
  fix: "Pin the app in pins/<env>.json as registry/repository[:tag]@sha256:<digest>.",
  evaluate: (object) => eachContainer(object, (c) => (typeof c.image === "string" && DIGEST_PINNED.test(c.image) ? undefined : `image ${JSON.stringify(c.image)} is not pinned by digest`)),
});
