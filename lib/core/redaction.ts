/**
 * Removes credentials from a URL before it is printed or written into a commit: the whole user part of an
 * http(s) / ftp(s) URL (a token may be the user name), the password of any other `scheme://user:password@`.
 * The user part ends at the last `@` before the first `/`, so an unescaped `@` in a password is removed too.
 * The values of query parameters that carry credentials (`access_token`, `private_token`, `token`, `sig`,
 * `key`, `password`, AWS / Azure signatures ...) become `***`.
 */
export function redactUrl(url: string): string {
  return redactQuery(url.replace(/^((?:https?|ftps?):\/\/)[^/\s]*@/i, "$1").replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*):[^/\s]*@/i, "$1@"));
}

/**
 * Names of query parameters whose values are credentials: OAuth and GitLab / GitHub tokens, shared access
 * signatures (`sig`, `se`-signed Azure SAS), S3 pre-signed URLs, API keys, passwords, client secrets.
 */
const SECRET_PARAMETER = /^(access_token|private_token|refresh_token|id_token|token|auth|authorization|sig|signature|x-amz-signature|x-amz-credential|x-amz-security-token|x-goog-signature|key|api[_-]?key|apikey|password|passwd|pwd|secret|client_secret|code)$/i;

/** `?access_token=abc&x=1` → `?access_token=***&x=1` (also after `#`), for every credential-bearing parameter. */
function redactQuery(url: string): string {
  return url.replace(/([?&#;])([^=&#\s'"<>]+)=([^&#\s'"<>]*)/g, (whole, lead: string, name: string) => {
    let decoded = name;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      // a malformed escape: compare the raw name
    }
    return SECRET_PARAMETER.test(decoded) ? `${lead}${name}=***` : whole;
  });
}

/**
 * Every URL in a text (a git error message, say) with `redactUrl` applied, and credential-bearing query
 * parameters anywhere else (git quotes a local path with its query as it is).
 */
export function redactUrlsIn(text: string): string {
  return redactQuery(text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"<>]+/gi, (url) => redactUrl(url)));
}

/** Masks the user part of a URL for a validation message (`https://***@host/...`), keeping the rest readable. */
export function maskUrlUserInfo(url: string): string {
  return url.replace(/\/\/[^/@]*@/, "//***@");
}
