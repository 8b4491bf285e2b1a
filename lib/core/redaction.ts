/**
 * Removes credentials from a URL before it is printed or written into a commit: the whole user part of an
 * http(s) / ftp(s) URL (a token may be the user name), the password of any other `scheme://user:password@`.
 * The user part ends at the last `@` before the first `/`, so an unescaped `@` in a password is removed too.
 */
export function redactUrl(url: string): string {
  return url.replace(/^((?:https?|ftps?):\/\/)[^/\s]*@/i, "$1").replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:\s]*):[^/\s]*@/i, "$1@");
}

/** Masks the user part of a URL for a validation message (`https://***@host/...`), keeping the rest readable. */
export function maskUrlUserInfo(url: string): string {
  return url.replace(/\/\/[^/@]*@/, "//***@");
}
