import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { findSecretLiterals } from "../../secret-patterns";

/** GITOPS-SECRET-2: no credentials in the GitOps repository. */
export const kubernetesNoSecretLiterals = defineRule({
  target: "kubernetes",
  id: "GITOPS-SECRET-2",
  severity: "error",
  kinds: "*",
  what: "The object is not a Secret with data and holds no secret-like literal (a private key, token, account key or password).",
  why: "Everything in the GitOps repository is readable by everyone with access to it and stays in its history forever.",
  fix: "Keep secrets in Key Vault and mount them with the Secrets Store CSI driver (the app's secrets list).",
  evaluate: (object) => {
    if (object.kind === "Secret" && object.apiVersion === "v1" && (object.data !== undefined || object.stringData !== undefined)) {
      return nonCompliant("is a Secret with data: its values are only base64-encoded in Git");
    }
    const found = findSecretLiterals(object);
    return found.length === 0 ? COMPLIANT : nonCompliant(found.map((f) => `${f.path} holds a ${f.kind}`).join("; "));
  },
});
