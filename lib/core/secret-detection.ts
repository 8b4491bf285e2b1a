/**
 * Finds credentials in strings that are about to be written into Terraform JSON, Kubernetes manifests or a
 * commit: by value (secretlint's recommended rule preset, plus the formats it does not cover) and by name
 * (variable and setting names that hold credentials). Secrets belong in Key Vault; the library only ever
 * writes references to them. A finding names the kind of secret, never its value.
 *
 * secretlint's rules are run synchronously: every rule of the recommended preset scans text with regular
 * expressions inside a synchronous `file` handler (only the PKCS#12 check of binary files is asynchronous,
 * and it never runs on text), so validation stays one synchronous pass. The preset is an ES module; Node 20
 * `require()`s it, jest transforms it (see jest.config.js).
 */

interface SecretlintDescriptor {
  readonly message: { readonly messageId?: string };
}
interface SecretlintRule {
  readonly meta: { readonly id: string };
  create(context: object, options: object): { file?: (source: object) => unknown };
}

/** Rules of the preset that do not scan values (comment directives). */
const SKIPPED_RULES = new Set(["@secretlint/secretlint-rule-filter-comments"]);
let presetRules: readonly SecretlintRule[] | undefined;

function secretlintRules(): readonly SecretlintRule[] {
  if (!presetRules) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const preset = require("@secretlint/secretlint-rule-preset-recommend") as { rules: readonly SecretlintRule[] };
    presetRules = preset.rules.filter((rule) => !SKIPPED_RULES.has(rule.meta.id));
  }
  return presetRules;
}

/** Formats secretlint's preset leaves out, or only finds in some contexts. Each is a kind of secret. */
const VALUE_PATTERNS: readonly (readonly [string, RegExp])[] = [
  // Bounded, and the scheme starts at a boundary: unbounded classes here would scan long values quadratically.
  ["url with credentials", /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}:\/\/[^/\s?#@:]{0,256}:[^/\s?#@]{1,512}@/i],
  ["url with a token as user", /https?:\/\/[A-Za-z0-9_\-.~]{20,512}@/i],
  ["connection string credential", /(^|[;\s"'])(password|pwd|accountkey|sharedaccesskey|sharedaccesssignature)\s*=\s*[^;\s"']+/i],
  ["signed url", /[?&](sig|signature|x-amz-signature|x-goog-signature)=[^&\s#]+/i],
  ["token in a query string", /[?&](token|access_token|private_token|id_token|refresh_token|key|api_key|apikey|password|passwd|secret|client_secret)=[^&\s#]+/i],
  ["bearer token", /\bbearer\s+[A-Za-z0-9\-._~+/]{16,}=*/i],
  ["basic auth header", /\bbasic\s+[A-Za-z0-9+/]{16,}={0,2}/i],
  ["json web token", /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
  ["private key", /-----BEGIN [A-Z0-9 ]*PRIVATE KEY[A-Z ]*-----/],
  ["github token", /\b(gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/],
  ["gitlab token", /\bglpat-[A-Za-z0-9_-]{20,}/],
  ["slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ["slack webhook", /hooks\.slack\.com\/services\/[A-Za-z0-9/]{20,}/],
  ["npm token", /\bnpm_[A-Za-z0-9]{36}\b/],
  ["aws access key", /\b(AKIA|ASIA)[0-9A-Z]{16}\b/],
  ["google api key", /\bAIza[0-9A-Za-z_-]{35}\b/],
  ["stripe key", /\b[rs]k_live_[0-9A-Za-z]{20,}/],
  ["azure ad client secret", /\b[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}/],
  ["azure storage or service bus key", /\b[A-Za-z0-9+/]{86}==/],
  ["microsoft teams webhook", /\.webhook\.office\.com\/webhookb2\/[^\s]+/i],
];

/**
 * Names of variables and settings that hold credentials, after upper-casing and turning every character
 * other than a letter or digit into `_`: `*_PASS`, `*_PWD`, `PASSWORD_*`, `*SECRET*`, `*TOKEN*`,
 * `*SIGNING_KEY*`, `SECRET_KEY_BASE`, API / access / private / account keys, connection strings, credentials.
 */
const SECRET_NAME = new RegExp(
  [
    "(^|_)(PASSWORD|PASSWD|PASS|PWD|PASSPHRASE)(_|$)",
    "PASSWORD",
    "SECRET",
    "TOKEN$",
    "SIGNING_?KEY",
    "API_?KEY",
    "ACCESS_?KEY",
    "PRIVATE_?KEY",
    "ACCOUNT_?KEY",
    "CLIENT_KEY_DATA",
    "CONNECTION_?STRING",
    "CREDENTIALS?$",
  ].join("|"),
);
/** Names that say where a secret is, not what it is: `DB_PASSWORD_FILE=/mnt/secrets/db`, `TOKEN_SECRET_NAME`. */
const SECRET_LOCATION_NAME = /_(FILE|PATH|DIR|NAME|REF|URL|URI|ENDPOINT)$/;

/**
 * Placeholders that are not secrets: empty values, Flux substitution variables (`${VAR}`), the library's
 * `<secret name>`-style hints, and masks (`***`).
 */
const PLACEHOLDER = /^(|\$\{[A-Za-z_][A-Za-z0-9_]*\}|<[^<>]*>|\*+|x+|changeme)$/i;

/** True when a variable or setting called `name` holds a credential by its name. */
export function isSecretName(name: string): boolean {
  const normalized = name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
  return SECRET_NAME.test(normalized) && !SECRET_LOCATION_NAME.test(normalized);
}

/** The kinds of secret found in `text` by value (empty when none): `["github token"]`. */
export function secretKindsIn(text: string): string[] {
  if (text.length < 8) return [];
  let kinds = KINDS_OF_TEXT.get(text);
  if (kinds === undefined) {
    const found = new Set<string>();
    for (const [kind, pattern] of VALUE_PATTERNS) if (pattern.test(text)) found.add(kind);
    for (const kind of secretlintKinds(text)) found.add(kind);
    kinds = [...found];
    if (KINDS_OF_TEXT.size >= REMEMBERED_TEXTS) KINDS_OF_TEXT.clear();
    KINDS_OF_TEXT.set(text, kinds);
  }
  return [...kinds];
}

/**
 * The kinds found in texts checked before: a spec repeats its values across environments and apps (three in four
 * of the reference platform's checks, one in two with 1,000 apps), and secretlint's rules cost 60 µs a text.
 * At most `REMEMBERED_TEXTS` are kept, so a long-lived process (a test run) does not grow without bound.
 */
const KINDS_OF_TEXT = new Map<string, readonly string[]>();
const REMEMBERED_TEXTS = 10_000;

function secretlintKinds(text: string): string[] {
  const kinds: string[] = [];
  const context = {
    createTranslator: () => (messageId: string) => ({ messageId, message: messageId }),
    report: (descriptor: SecretlintDescriptor) => kinds.push(kindOf(descriptor.message.messageId ?? "secret")),
    ignore: () => undefined,
    registerRule: () => undefined,
  };
  const source = { content: text, filePath: "value.txt", ext: ".txt", contentType: "text" };
  for (const rule of secretlintRules()) rule.create(context, {}).file?.(source);
  return kinds;
}

/** `SLACK_TOKEN` → `slack token`. */
function kindOf(messageId: string): string {
  return messageId.toLowerCase().replace(/_/g, " ");
}

/**
 * The kinds of secret in a config file, line by line: values found as above, and `name = value` /
 * `name: value` / `"name": "value"` lines whose name holds a credential (`.env`, `appsettings.json`,
 * `.npmrc`'s `_authToken`, a kubeconfig's `token` or `client-key-data`).
 */
export function secretKindsInFile(content: string): string[] {
  const kinds = new Set(secretKindsIn(content));
  for (const line of content.split(/\r?\n/)) {
    for (const setting of line.matchAll(SETTING)) {
      const value = setting[2].trim().replace(/["',]+$/, "");
      if (isSecretName(setting[1]) && !isPlaceholder(value) && !/^[{[]$/.test(value)) kinds.add(`${setting[1]} setting`);
    }
  }
  return [...kinds];
}

/**
 * A `name = value`, `name: value` or `"name": "value"` setting anywhere in a line (`.npmrc` writes
 * `//registry.npmjs.org/:_authToken=...`); the value runs to the end of the line or the next quote or comma.
 */
const SETTING = /(?:^|[\s:;,{"'])["']?([A-Za-z_][A-Za-z0-9_.-]{0,100})["']?\s*[:=]\s*["']?([^"',#\r\n]*)/g;

/** True for a value that only stands for a secret (see `PLACEHOLDER`). */
export function isPlaceholder(value: string): boolean {
  return PLACEHOLDER.test(value.trim());
}

/** The fix part of a message about a secret: where the secret goes instead. */
export const SECRET_FIX = "remove it and keep the secret in key vault; an app reads it through secrets: { NAME: { keyVaultSecret: \"<secret name>\" } }";

/**
 * Problems for every string under `value` (walked through objects and arrays) that holds a secret by value,
 * each at its path under `root`: `apps/web.ingress.host: holds what looks like a github token; remove it ...`.
 * `skip(path)` leaves out subtrees checked elsewhere with their own message.
 */
export function secretValueProblems(root: string, value: unknown, skip: (path: readonly string[]) => boolean = () => false): string[] {
  const problems: string[] = [];
  const walk = (node: unknown, path: readonly string[]): void => {
    if (skip(path)) return;
    if (typeof node === "string") {
      const kinds = secretKindsIn(node);
      if (kinds.length > 0) problems.push(`${joinPath(root, path)}: holds what looks like a ${kinds.join(" and a ")}; ${SECRET_FIX}`);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, `[${i}]`]));
    } else if (node !== null && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
    }
  };
  walk(value, []);
  return problems;
}

function joinPath(root: string, path: readonly string[]): string {
  return path.reduce((at, part) => (part.startsWith("[") ? `${at}${part}` : `${at}.${part}`), root);
}
