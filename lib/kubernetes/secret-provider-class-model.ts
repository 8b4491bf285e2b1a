/**
 * A validator for `secrets-store.csi.x-k8s.io/v1` SecretProviderClass objects, which have no
 * kubernetes-models package. It follows the upstream CRD (kubernetes-sigs/secrets-store-csi-driver,
 * `config/crd/bases/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml`): `spec.provider` (string),
 * `spec.parameters` (string → string), `spec.secretObjects[]` with `secretName`, `type`, `labels`,
 * `annotations` (string → string) and `data[]` of `{ objectName, key }` (strings). Like the API server's
 * structural schema it rejects wrong types; unlike it, it also rejects unknown fields (which the server would
 * silently drop) and requires what the driver cannot work without: `provider` and names.
 */
import { isDnsSubdomain } from "../core/kubernetes-names";
export class SecretProviderClassModel {
  public static readonly apiVersion = "secrets-store.csi.x-k8s.io/v1";
  public static readonly kind = "SecretProviderClass";

  constructor(private readonly data: any) {}

  /** Throws an error naming the path of the first field that breaks the schema. */
  public validate(): void {
    const data = this.data;
    expectObject(data, "");
    expectKeys(data, "", ["apiVersion", "kind", "metadata", "spec", "status"]);
    if (data.apiVersion !== SecretProviderClassModel.apiVersion) fail(".apiVersion", `must be "${SecretProviderClassModel.apiVersion}"`);
    if (data.kind !== SecretProviderClassModel.kind) fail(".kind", `must be "${SecretProviderClassModel.kind}"`);
    expectObject(data.metadata, ".metadata");
    expectString(data.metadata.name, ".metadata.name");
    if (!isDnsSubdomain(data.metadata.name)) {
      fail(".metadata.name", "must be a lower-case dns subdomain");
    }
    if (data.metadata.namespace !== undefined) expectString(data.metadata.namespace, ".metadata.namespace");
    if (data.metadata.labels !== undefined) expectStringMap(data.metadata.labels, ".metadata.labels");
    if (data.metadata.annotations !== undefined) expectStringMap(data.metadata.annotations, ".metadata.annotations");
    const spec = data.spec;
    expectObject(spec, ".spec");
    expectKeys(spec, ".spec", ["provider", "parameters", "secretObjects"]);
    expectString(spec.provider, ".spec.provider");
    if (spec.parameters !== undefined) expectStringMap(spec.parameters, ".spec.parameters");
    if (spec.secretObjects !== undefined) {
      expectArray(spec.secretObjects, ".spec.secretObjects");
      spec.secretObjects.forEach((secret: any, i: number) => {
        const at = `.spec.secretObjects[${i}]`;
        expectObject(secret, at);
        expectKeys(secret, at, ["secretName", "type", "labels", "annotations", "data"]);
        expectString(secret.secretName, `${at}.secretName`);
        if (secret.type !== undefined) expectString(secret.type, `${at}.type`);
        if (secret.labels !== undefined) expectStringMap(secret.labels, `${at}.labels`);
        if (secret.annotations !== undefined) expectStringMap(secret.annotations, `${at}.annotations`);
        if (secret.data !== undefined) {
          expectArray(secret.data, `${at}.data`);
          secret.data.forEach((entry: any, j: number) => {
            const entryAt = `${at}.data[${j}]`;
            expectObject(entry, entryAt);
            expectKeys(entry, entryAt, ["objectName", "key"]);
            expectString(entry.objectName, `${entryAt}.objectName`);
            expectString(entry.key, `${entryAt}.key`);
          });
        }
      });
    }
  }
}

function fail(path: string, problem: string): never {
  throw new Error(`data${path} ${problem}`);
}

function expectObject(value: unknown, path: string): void {
  if (value === null || typeof value !== "object" || Array.isArray(value)) fail(path, "must be object");
}

function expectArray(value: unknown, path: string): void {
  if (!Array.isArray(value)) fail(path, "must be array");
}

function expectString(value: unknown, path: string): void {
  if (typeof value !== "string" || value.length === 0) fail(path, "must be a non-empty string");
}

function expectStringMap(value: unknown, path: string): void {
  expectObject(value, path);
  for (const [key, item] of Object.entries(value as object)) {
    if (typeof item !== "string") fail(`${path}.${key}`, "must be string");
  }
}

function expectKeys(value: object, path: string, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) fail(path, `must not have additional property "${key}"`);
  }
}
