/** An image reference pinned by digest: `...@sha256:<64 hex>`. */
export const DIGEST_PINNED = /@sha256:[a-f0-9]{64}$/;

/** The tag of an image reference (undefined when it has none); a registry port is not a tag. */
export function imageTag(image: string): string | undefined {
  const name = image.split("@")[0];
  const lastSlash = name.lastIndexOf("/");
  const colon = name.indexOf(":", lastSlash + 1);
  return colon === -1 ? undefined : name.slice(colon + 1);
}
