import { COMPLIANT, defineRule, nonCompliant } from "../../rule";
import { findSecretLiterals } from "../../secret-patterns";

/** GITOPS-SECRET-1: no credentials written into Terraform configuration. */
export const terraformNoSecretLiterals = defineRule({
  target: "terraform",
  id: "GITOPS-SECRET-1",
  severity: "error",
  resourceTypes: "*",
  what: "No attribute of the resource holds a secret-like literal (a private key, token, account key or password).",
  why: "cdk.tf.json is committed to the GitOps repository and printed in plans; a literal credential there is leaked to everyone with read access.",
  fix: "Reference the secret instead (Key Vault, a CI secret passed as a variable, workload identity).",
  evaluate: (resource) => {
    const found = findSecretLiterals(resource.body, ["//"]);
    return found.length === 0 ? COMPLIANT : nonCompliant(found.map((f) => `${f.path} holds a ${f.kind}`).join("; "));
  },
});
