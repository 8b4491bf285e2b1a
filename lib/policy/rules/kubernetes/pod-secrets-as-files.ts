import { defineRule } from "../../rule";
import { eachContainer, fieldOf, listOf, WORKLOAD_KINDS } from "../../kubernetes-values";

/** GITOPS-POD-20: secrets as files, not environment variables. */
export const podSecretsAsFiles = defineRule({
  target: "kubernetes",
  id: "GITOPS-POD-20",
  checkov: "CKV_K8S_35",
  severity: "warning",
  kinds: WORKLOAD_KINDS,
  what: "No container takes a Secret as an environment variable (env secretKeyRef or envFrom secretRef).",
  why: "Environment variables leak into crash dumps, child processes, /proc and debug endpoints, and a rotated secret does not reach a running process.",
  fix: "Keep the app default (secretsAs: file): secrets are files from the Secrets Store CSI volume.",
  evaluate: (object) =>
    eachContainer(object, (c) => {
      const fromEnv = listOf(c, "env")
        .filter((e) => fieldOf(fieldOf(e, "valueFrom"), "secretKeyRef").name !== undefined)
        .map((e) => String((e as Record<string, unknown>).name));
      const fromEnvFrom = listOf(c, "envFrom").filter((e) => fieldOf(e, "secretRef").name !== undefined).length;
      if (fromEnv.length === 0 && fromEnvFrom === 0) return undefined;
      return `takes secrets as environment variables (${[...fromEnv, ...(fromEnvFrom ? ["envFrom secretRef"] : [])].join(", ")})`;
    }),
});
