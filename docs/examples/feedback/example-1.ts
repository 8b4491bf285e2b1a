// Extracted from docs/feedback.md by scripts/doc-examples.js (npm run docs:examples); edit the document, not this file.
import type { PlatformSpec as Full } from "cdktf-gitops";
type DeepPartial<T> = { [K in keyof T]?: NonNullable<T[K]> extends object ? DeepPartial<NonNullable<T[K]>> : T[K] };
type PlatformSpec = DeepPartial<Full>; // the example leaves out fields (// ...)
// (setup above: hidden in the document)
export const platform: PlatformSpec = {
  // ...
  delivery: { ci: "github", infraRepository: { owner: "contoso", name: "platform-infra" }, gitopsRepository: { owner: "contoso", name: "platform-gitops" }, /* ... */ },
  feedback: {
    // statusTokenSecret: "github-status-token",     Key Vault secret (Flux commit statuses)
    // dispatchTokenSecret: "github-dispatch-token", Key Vault secret (rollback dispatch)
    // automaticRollback: true,
    statusApp: { appId: 1234568, installationId: 45678901, privateKeySecret: "github-status-app-private-key" }, // only with Argo CD
  },
};
