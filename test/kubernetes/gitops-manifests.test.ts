import { App, TerraformStack, Testing } from "cdktf";
import * as path from "path";
import { GitOpsManifests } from "../../lib/kubernetes/gitops-manifests";
import { KubernetesObject, knownKubernetesKinds, validateKubernetesObject } from "../../lib/kubernetes/kubernetes-object";
import { readFiles, withSynthFolder } from "../support/synth";

const namespace = (name: string): KubernetesObject => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { team: "web" } } });

describe("GitOpsManifests", () => {
  test("renders one object a file, named <kind>-<name>.yaml, keys sorted", () => {
    const manifests = new GitOpsManifests(new TerraformStack(new App(), "dev-apps"), "Manifests", { environment: "dev", folder: "apps/web" });
    manifests.add(namespace("web"));
    expect(manifests.render()).toEqual({
      "dev/apps/web/namespace-web.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  labels:\n    team: web\n  name: web\n",
    });
  });

  test("rejects an object that breaks its upstream schema, naming the construct path", () => {
    const manifests = new GitOpsManifests(new TerraformStack(new App(), "dev-apps"), "Manifests", { environment: "dev", folder: "apps/web" });
    const bad = { apiVersion: "v1", kind: "Service", metadata: { name: "web" }, spec: { ports: [{ port: "eighty" }] } };
    expect(() => manifests.add(bad)).toThrow('dev-apps/Manifests: Service "web" does not match its schema: data/spec/ports/0/port must be integer');
  });

  test("rejects a kind without a schema and two objects for one file", () => {
    const manifests = new GitOpsManifests(new TerraformStack(new App(), "dev-apps"), "Manifests", { environment: "dev", folder: "apps/web" });
    expect(() => manifests.add({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } })).toThrow(
      'dev-apps/Manifests: kind "example.com/v1/Widget" has no schema to validate against',
    );
    manifests.add(namespace("web"));
    expect(() => manifests.add(namespace("web"))).toThrow("dev-apps/Manifests: two objects would be written to namespace-web.yaml");
  });

  test("rejects a folder that is not a clean relative path", () => {
    expect(() => new GitOpsManifests(new TerraformStack(new App(), "s"), "M", { environment: "dev", folder: "../escape" })).toThrow(
      's/M: folder "../escape" is not valid',
    );
  });

  test("writes its files at synth time and clears stale files of an earlier synth", () => {
    const first = (app: App): void => {
      new GitOpsManifests(new TerraformStack(app, "dev-a"), "M", { environment: "dev", folder: "apps/old" }).add(namespace("old"));
    };
    const second = (app: App): void => {
      new GitOpsManifests(new TerraformStack(app, "dev-a"), "M", { environment: "dev", folder: "apps/new" }).add(namespace("new"));
      new GitOpsManifests(new TerraformStack(app, "prod-a"), "M", { environment: "prod", folder: "apps/new" }).add(namespace("new"));
    };
    const yamlFiles = (outdir: string): string[] => Object.keys(readFiles(path.join(outdir, "gitops"))).filter((f) => f.endsWith(".yaml")).sort();
    const files = withSynthFolder(first, (outdir) => {
      expect(yamlFiles(outdir)).toEqual(["dev/apps/old/namespace-old.yaml"]);
      const again = Testing.app({ outdir });
      second(again);
      again.synth();
      return yamlFiles(outdir);
    });
    expect(files).toEqual(["dev/apps/new/namespace-new.yaml", "prod/apps/new/namespace-new.yaml"]);
  });

  test("identical input gives byte-identical files", () => {
    const render = () => {
      const manifests = new GitOpsManifests(new TerraformStack(new App(), "s"), "M", { environment: "dev", folder: "infrastructure" });
      manifests.add(namespace("b"), namespace("a"));
      return JSON.stringify(manifests.render());
    };
    expect(render()).toBe(render());
  });
});

describe("validateKubernetesObject", () => {
  test("knows the kinds the library emits", () => {
    expect(knownKubernetesKinds()).toEqual(expect.arrayContaining(["apps/v1/Deployment", "kustomize.toolkit.fluxcd.io/v1/Kustomization", "argoproj.io/v1alpha1/Application"]));
  });

  test("validates flux custom resources against the flux schema", () => {
    const bad = { apiVersion: "kustomize.toolkit.fluxcd.io/v1", kind: "Kustomization", metadata: { name: "apps" }, spec: { interval: "5m", prune: "yes" } };
    expect(() => validateKubernetesObject(bad, "here")).toThrow('here: Kustomization "apps" does not match its schema');
  });

  test("checks every known kind against its schema, and leaves the object as it was", () => {
    for (const key of knownKubernetesKinds()) {
      const slash = key.lastIndexOf("/");
      const bad = { apiVersion: key.slice(0, slash), kind: key.slice(slash + 1), metadata: { name: "x", labels: { team: 7 } } } as unknown as KubernetesObject;
      const before = JSON.stringify(bad);
      expect(() => validateKubernetesObject(bad, "here")).toThrow(`here: ${key.slice(slash + 1)} "x" does not match its schema`);
      expect(JSON.stringify(bad)).toBe(before);
    }
  });
});
