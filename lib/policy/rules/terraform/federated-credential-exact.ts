import { COMPLIANT, defineRule, nonCompliant, unresolved } from "../../rule";
import { hasExpression, lookup } from "../../terraform-values";

/** GITOPS-IAM-3: federated credentials trust one exact subject. */
export const federatedCredentialExact = defineRule({
  target: "terraform",
  id: "GITOPS-IAM-3",
  severity: "error",
  resourceTypes: ["azurerm_federated_identity_credential"],
  what: "The federated identity credential trusts exactly the token exchange audience and one subject without wildcards.",
  why: "Any token matching issuer, audience and subject gets the identity's roles; a loose subject hands them to other service accounts or workflows.",
  fix: "Keep the AppIdentity default (audience api://AzureADTokenExchange, subject system:serviceaccount:<namespace>:<name>).",
  evaluate: (resource) => {
    const audience = lookup(resource.body, "audience");
    const subject = lookup(resource.body, "subject");
    if (hasExpression(subject)) return unresolved(`subject is ${JSON.stringify(subject)}, known only at apply time`);
    if (!Array.isArray(audience) || audience.length !== 1 || audience[0] !== "api://AzureADTokenExchange") {
      return nonCompliant(`audience is ${JSON.stringify(audience)}; expected ["api://AzureADTokenExchange"]`);
    }
    if (typeof subject !== "string" || subject.length === 0 || /[*?]/.test(subject)) return nonCompliant(`subject ${JSON.stringify(subject)} is not one exact subject`);
    return COMPLIANT;
  },
});
