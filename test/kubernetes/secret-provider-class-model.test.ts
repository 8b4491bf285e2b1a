import { validateKubernetesObject } from "../../lib/kubernetes/kubernetes-object";

const valid = {
  apiVersion: "secrets-store.csi.x-k8s.io/v1",
  kind: "SecretProviderClass",
  metadata: { name: "web-secrets-0123456789", namespace: "web" },
  spec: {
    provider: "azure",
    parameters: { keyvaultName: "kv", objects: "array: []\n" },
    secretObjects: [{ secretName: "web-secrets", type: "Opaque", data: [{ objectName: "A", key: "A" }] }],
  },
};

describe("SecretProviderClass schema", () => {
  test("accepts an object that follows the upstream CRD", () => {
    expect(() => validateKubernetesObject(valid, "t")).not.toThrow();
  });

  test.each<[string, any, string]>([
    ["a non-string parameter", { ...valid, spec: { ...valid.spec, parameters: { usePodIdentity: false } } }, "data.spec.parameters.usePodIdentity must be string"],
    ["an unknown spec field", { ...valid, spec: { ...valid.spec, secrets: [] } }, 'data.spec must not have additional property "secrets"'],
    ["a missing provider", { ...valid, spec: { parameters: {} } }, "data.spec.provider must be a non-empty string"],
    ["secretObjects that is not an array", { ...valid, spec: { ...valid.spec, secretObjects: {} } }, "data.spec.secretObjects must be array"],
    ["a data entry without key", { ...valid, spec: { ...valid.spec, secretObjects: [{ secretName: "s", data: [{ objectName: "A" }] }] } }, "data.spec.secretObjects[0].data[0].key must be a non-empty string"],
    ["a bad name", { ...valid, metadata: { name: "Web_Secrets" } }, "data.metadata.name must be a lower-case dns subdomain"],
  ])("rejects %s", (_case, object, message) => {
    expect(() => validateKubernetesObject(object, "dev/apps/web")).toThrow(`dev/apps/web: SecretProviderClass "${object.metadata.name}" does not match its schema: ${message}`);
  });
});
