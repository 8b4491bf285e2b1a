import * as fs from "fs";
import * as path from "path";
import { parseAllDocuments } from "yaml";

/** Literal secret material, wherever it appears. */
const SECRET_PATTERNS: readonly [string, RegExp][] = [
  ["private key", /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
  ["ssh key material", /\bssh-(rsa|ed25519|dss) AAAA/],
  ["ecdsa key material", /\becdsa-sha2-nistp\d+ AAAA/],
  ["github token", /\b(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/],
  ["storage account key", /AccountKey=/i],
  ["sas signature", /[?&]sig=[A-Za-z0-9%+/=]{16,}/],
  ["jwt", /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}/],
  ["credentials in a url", /[a-z][a-z0-9+.-]*:\/\/[^\s/:@"'${}]+:[^\s/@"'${}]+@/i],
];

/** Keys whose value is a credential. */
const SECRET_KEY = /(password|passwd|secret|token|private_?key|privatekey|ssh_?key|https_key|client_key|access_key|account_key|known_?hosts|credential)/i;
/** Keys that match SECRET_KEY but hold no credential (names of secrets, settings). */
const NOT_A_SECRET_KEY = /(name|names|_id|rotation|provider|providerclass|enabled|type|interval|reference|_type)$|^id-token$/i;
/** Keys whose text is a shell script (GitHub Actions / Azure Pipelines steps), not embedded YAML. */
const SCRIPT_KEY = /^(run|script|bash|inlineScript)$/;
/** A value that is only a Terraform expression (a reference, never a literal). */
const REFERENCE_ONLY = /^\$\{[^]*\}$/;

/** Every problem of one parsed value, as `where: what`. */
function scanValue(value: unknown, where: string, key: string | undefined, problems: string[]): void {
  if (typeof value === "string") {
    for (const [label, pattern] of SECRET_PATTERNS) if (pattern.test(value)) problems.push(`${where}: ${label}`);
    if (key !== undefined && SECRET_KEY.test(key) && !NOT_A_SECRET_KEY.test(key) && value !== "" && !REFERENCE_ONLY.test(value)) {
      problems.push(`${where}: literal value for "${key}"`);
    }
    if (value.includes("\n") && value.includes(":") && !value.includes("${") && !(key !== undefined && SCRIPT_KEY.test(key))) {
      // Embedded YAML, e.g. helm values.
      try {
        for (const doc of parseAllDocuments(value)) scanValue(doc.toJS(), `${where}(yaml)`, undefined, problems);
      } catch {
        // not yaml: the patterns above already ran on the text
      }
    }
  } else if (typeof value === "number" || typeof value === "boolean") {
    if (key !== undefined && SECRET_KEY.test(key) && !NOT_A_SECRET_KEY.test(key) && typeof value === "number") problems.push(`${where}: literal value for "${key}"`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => scanValue(item, `${where}[${i}]`, key, problems));
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k !== "//") scanValue(v, `${where}.${k}`, k, problems);
  }
}

/** Secret-looking values in one file's text (JSON, YAML or other text). */
export function secretProblemsInText(file: string, text: string): string[] {
  const problems: string[] = [];
  if (file.endsWith(".json")) {
    scanValue(JSON.parse(text), file, undefined, problems);
  } else if (/\.ya?ml$/.test(file)) {
    for (const doc of parseAllDocuments(text)) scanValue(doc.toJS(), file, undefined, problems);
  } else {
    scanValue(text, file, undefined, problems);
  }
  return problems;
}

/** Secret-looking values in every file under `root`. */
export function secretProblemsUnder(root: string): { files: string[]; problems: string[] } {
  const files = fs
    .readdirSync(root, { recursive: true })
    .map(String)
    .filter((file) => fs.statSync(path.join(root, file)).isFile())
    .sort();
  const problems = files.flatMap((file) => secretProblemsInText(file, fs.readFileSync(path.join(root, file), "utf8")));
  return { files, problems };
}
