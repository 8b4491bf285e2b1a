/**
 * Secret-like literals: well-known credential formats, and secret-named keys holding a literal. Deliberately
 * synchronous and dependency-free (the Aspect runs inside cdktf's synchronous synth); the formats follow the
 * providers' published token layouts. High-entropy guessing is left out: digests and ids would drown it.
 */

/** A secret-like literal found in a value: where (a dotted path) and which kind. */
export interface SecretFinding {
  readonly path: string;
  readonly kind: string;
}

const FORMATS: readonly (readonly [string, RegExp])[] = [
  ["private key", /-----BEGIN ((RSA|EC|DSA|OPENSSH|PGP|ENCRYPTED) )?PRIVATE KEY( BLOCK)?-----/],
  ["GitHub token", /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{40,}/],
  ["AWS access key id", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["Azure storage account key", /AccountKey=[A-Za-z0-9+/]{40,}={0,2}/],
  ["shared access signature", /[?&]sig=[A-Za-z0-9%+/]{30,}/],
  ["Slack token", /\bxox[abprs]-[A-Za-z0-9-]{10,}/],
  ["JSON web token", /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/],
  ["password in a URL", /\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s@/]+@/i],
];

/** Keys whose literal string value is a credential (not `secretName` or `*_secret_id`-style references). */
const SECRET_KEY = /^(.*[_-])?(password|passwd|pwd|client[_-]?secret|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|token)$/i;

/**
 * Text every format above needs somewhere (a superset, case-insensitive): a string without any of it holds no
 * secret-like literal, which rules out nearly every string of a synth in one scan.
 */
const ANY_FORMAT = /-----BEGIN|gh[pousr]_|github_pat_|AKIA|ASIA|AccountKey=|sig=|xox[abprs]-|eyJ|:\/\//i;

/** The kinds of secret-like literal in one string (empty when none). */
export function secretKinds(text: string): string[] {
  if (!ANY_FORMAT.test(text)) return [];
  return FORMATS.filter(([, pattern]) => pattern.test(text)).map(([kind]) => kind);
}

/**
 * Every secret-like literal below `value`: strings in a known credential format, and literal strings of 8 or more
 * characters under a secret-named key. Terraform expressions (`${...}`) are references, not literals. Keys in
 * `skip` (e.g. cdktf's `//` metadata) are not searched.
 */
export function findSecretLiterals(value: unknown, skip: readonly string[] = [], path = ""): SecretFinding[] {
  const found: SecretFinding[] = [];
  collectSecretLiterals(value, skip, path, found);
  return found;
}

/**
 * Adds the findings below `value` to `into`. One walk, no arrays per node, and a node's path is built only when it
 * has a finding: it runs on every synthesized object.
 */
function collectSecretLiterals(value: unknown, skip: readonly string[], path: string, into: SecretFinding[]): void {
  if (typeof value === "string") {
    for (const kind of secretKinds(value)) into.push({ path: path || "(value)", kind });
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (mayHoldSecrets(value[i])) collectSecretLiterals(value[i], skip, `${path}[${i}]`, into);
  } else if (value !== null && typeof value === "object") {
    for (const key of Object.keys(value)) {
      if (skip.includes(key)) continue;
      const item = (value as Record<string, unknown>)[key];
      const named = typeof item === "string" && item.length >= 8 && SECRET_KEY.test(key) && !item.includes("${");
      if (!named && !mayHoldSecrets(item)) continue;
      const where = path ? `${path}.${key}` : key;
      const before = into.length;
      collectSecretLiterals(item, skip, where, into);
      if (named && into.length === before) into.push({ path: where, kind: `literal under secret-named key "${key}"` });
    }
  }
}

/** False for a value that cannot hold a finding: not an object, and not a string of a secret-like format. */
function mayHoldSecrets(value: unknown): boolean {
  return typeof value === "string" ? ANY_FORMAT.test(value) : value !== null && typeof value === "object";
}
