import { DIGEST_PINNED, imageTag } from "../../images";
import { defineRule } from "../../rule";
import { eachContainer, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-13: no latest or missing tags. */
export const podImageTagFixed = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-13",
  checkov: "CKV_K8S_14",
  severity: "error",
  kinds: WORKLOAD_KINDS,
  what: "No container image uses the latest tag or no tag at all (unless pinned by digest).",
  why: "latest is whatever was pushed last: two nodes may run different code under one manifest.",
  fix: "Pin the image by digest.",
  evaluate: (object) =>
    eachContainer(object, (c) => {
      const image = typeof c.image === "string" ? c.image : "";
      if (DIGEST_PINNED.test(image)) return undefined;
      const tag = imageTag(image);
      return tag === undefined || tag === "latest" ? `image ${JSON.stringify(c.image)} has no fixed tag` : undefined;
    }),
});
