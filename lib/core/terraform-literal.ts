/**
 * Terraform reads `${...}` and `%{...}` in every string of its JSON configuration as template syntax, so a
 * user string written into `cdk.tf.json` as-is could run Terraform functions (`${file("/etc/passwd")}`) or
 * reference other resources. Everything a user writes (tags, env values, config files, URLs, Helm values
 * ...) passes through `terraformLiteral` where it enters a Terraform resource: `$${` and `%%{` are Terraform's
 * escapes, and cdktf writes them unchanged. The library's own tokens (`${TfToken[...]}` markers that cdktf
 * resolves to references at synth) are kept, so references inside a string still resolve.
 */

/** cdktf's marker of a string token (cdktf/lib/tokens/private/encoding.js). */
const TOKEN = /(\$\{TfToken\[[a-zA-Z0-9:._-]+\]\})/;

/** `text` with `${` and `%{` escaped for Terraform, outside cdktf token markers. */
export function terraformLiteral(text: string): string {
  if (!text.includes("{")) return text;
  return text
    .split(TOKEN)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{")))
    .join("");
}

/** A deep copy of plain data with every string (object keys included) passed through `terraformLiteral`. */
export function terraformLiterals<T>(value: T): T {
  if (typeof value === "string") return terraformLiteral(value) as T;
  if (Array.isArray(value)) return value.map((item) => terraformLiterals(item)) as T;
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[terraformLiteral(key)] = terraformLiterals(item);
    return copy as T;
  }
  return value;
}
