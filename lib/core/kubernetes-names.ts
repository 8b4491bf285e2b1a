/**
 * Kubernetes name formats (apimachinery's validation: DNS-1123 labels and subdomains, qualified names for
 * label and annotation keys, label values), with the fix text messages use.
 */

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Fix text for a DNS-1123 label (namespace names, most object names). */
export const DNS_LABEL_RULE = "use 1-63 lower-case letters, digits and hyphens, starting and ending with a letter or digit";
/** Fix text for a DNS-1123 subdomain (Secret, ConfigMap, PriorityClass names, ingress class names). */
export const DNS_SUBDOMAIN_RULE = "use a lower-case dns subdomain: dot-separated labels of letters, digits and hyphens, at most 253 characters";

/** True for a DNS-1123 label: 1-63 lower-case letters, digits and hyphens, alphanumeric at both ends. */
export function isDnsLabel(value: unknown, maxLength = 63): value is string {
  return typeof value === "string" && value.length <= maxLength && DNS_LABEL.test(value);
}

/** True for a DNS-1123 subdomain: dot-separated DNS labels, at most 253 characters. */
export function isDnsSubdomain(value: unknown): value is string {
  return typeof value === "string" && value.length >= 1 && value.length <= 253 && value.split(".").every((label) => label.length <= 63 && DNS_SUBDOMAIN_LABEL.test(label));
}

/** True for a namespace name (a DNS-1123 label). */
export function isNamespaceName(value: unknown): value is string {
  return isDnsLabel(value);
}

/**
 * True for a qualified name, the format of label and annotation keys: an optional DNS subdomain prefix and
 * `/`, then 1-63 letters, digits, `-`, `_` and `.`, alphanumeric at both ends.
 */
export function isQualifiedName(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const slash = value.indexOf("/");
  const name = slash < 0 ? value : value.slice(slash + 1);
  if (slash >= 0 && !isDnsSubdomain(value.slice(0, slash))) return false;
  return name.length <= 63 && QUALIFIED_NAME_PART.test(name);
}

/** True for a label value: empty, or up to 63 letters, digits, `-`, `_` and `.`, alphanumeric at both ends. */
export function isLabelValue(value: unknown): value is string {
  return typeof value === "string" && value.length <= 63 && LABEL_VALUE.test(value);
}

/** Fix text for a label key. */
export const LABEL_KEY_RULE = "use an optional dns subdomain prefix and '/', then 1-63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
/** Fix text for a label value. */
export const LABEL_VALUE_RULE = "use at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
