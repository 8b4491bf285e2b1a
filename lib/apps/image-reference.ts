/** A container image reference pinned by digest. */
export interface PinnedImage {
  /** The whole reference, `registry/repo[:tag]@sha256:<digest>`. */
  readonly reference: string;
  /** `registry/repo` (the registry may be omitted for Docker Hub images). */
  readonly repository: string;
  /** The tag before the digest, informational only. */
  readonly tag?: string;
  /** `sha256:<64 hex>`. */
  readonly digest: string;
}

const COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const REGISTRY = "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?/)?";
const REPOSITORY = new RegExp(`^${REGISTRY}${COMPONENT}(?:/${COMPONENT})*$`);
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;

/** Whether `repository` is a well-formed `registry/repo` (no tag, no digest). */
export function isImageRepository(repository: string): boolean {
  return REPOSITORY.test(repository);
}

/**
 * Parses an image reference that must be pinned by digest. Returns the parsed image, or a message (lower
 * case, naming the bad value and the fix) when the reference is not pinned or not well formed.
 */
export function parsePinnedImage(reference: string): PinnedImage | string {
  if (typeof reference !== "string" || reference.length === 0) {
    return `image ${JSON.stringify(reference)} is not an image reference; use registry/repo@sha256:<64 hex digits>`;
  }
  const at = reference.indexOf("@");
  if (at < 0) {
    return `image "${reference}" is not pinned; use an image reference with @sha256:<digest>, e.g. registry/repo:1.2.3@sha256:<64 hex digits>`;
  }
  const name = reference.slice(0, at);
  const digest = reference.slice(at + 1);
  if (!DIGEST.test(digest)) {
    return `image "${reference}" has digest "${digest}", which is not valid; use sha256: followed by 64 lower-case hex digits`;
  }
  const lastSlash = name.lastIndexOf("/");
  const colon = name.indexOf(":", lastSlash + 1);
  const repository = colon < 0 ? name : name.slice(0, colon);
  const tag = colon < 0 ? undefined : name.slice(colon + 1);
  if (!REPOSITORY.test(repository)) {
    return `image "${reference}" has repository "${repository}", which is not valid; use registry/repo with lower-case path components`;
  }
  if (tag !== undefined && !TAG.test(tag)) {
    return `image "${reference}" has tag "${tag}", which is not valid; use letters, digits, '_', '.' and '-' (at most 128), or no tag`;
  }
  return { reference, repository, tag, digest };
}
