// Extracted from docs/growing.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
/** Azure AD group (object id) whose members administer the clusters. */
export const ADMIN_GROUP = "8f3d2c71-5b4a-4e8e-9c1d-2a7b6e5f4d30";
/** Networks allowed to reach the AKS API servers. */
export const API_SERVER_RANGES: string[] = ["203.0.113.0/24"];
export const OWNERS: string[] = ["platform-team@acme.example"];
/** The GitOps repository Flux syncs from: one repository, one folder per environment. */
export const GITOPS_URL = "https://github.com/acme/acme-gitops.git";
