import { App, TerraformStack } from "cdktf";
import { parse } from "yaml";
import { GitOpsManifests, manifestFileName } from "../../lib/kubernetes/gitops-manifests";
import { KustomizationFile } from "../../lib/kubernetes/kustomization-file";
import { synthApp } from "../support/synth";

const NAMESPACE = { apiVersion: "v1", kind: "Namespace", metadata: { name: "web" } };
const ACCOUNT = { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "web", namespace: "web" } };

describe("KustomizationFile", () => {
  test("lists the resources sorted and once, as a kustomize.config.k8s.io/v1beta1 Kustomization", () => {
    const file = new KustomizationFile(new TerraformStack(new App(), "s"), "K", { environment: "dev", folder: "apps", resources: { resources: ["web", "api", "web"] } });
    const files = file.render();
    expect(Object.keys(files)).toEqual(["dev/apps/kustomization.yaml"]);
    expect(files["dev/apps/kustomization.yaml"]).toBe("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - api\n  - web\n");
  });

  test("reads its resources at render time and an empty list is a valid kustomization", () => {
    const resources: string[] = [];
    const file = new KustomizationFile(new TerraformStack(new App(), "s"), "K", { environment: "dev", folder: "apps/web", resources: { resources } });
    expect(parse(file.render()["dev/apps/web/kustomization.yaml"]).resources).toEqual([]);
    resources.push("service-web.yaml");
    expect(parse(file.render()["dev/apps/web/kustomization.yaml"]).resources).toEqual(["service-web.yaml"]);
  });

  test("is written beside the manifests it lists, which are exactly the files of the folder", () => {
    const { output } = synthApp((app) => {
      const stack = new TerraformStack(app, "s");
      const manifests = new GitOpsManifests(stack, "M", { environment: "dev", folder: "apps/web" });
      manifests.add(NAMESPACE, ACCOUNT);
      new KustomizationFile(stack, "K", { environment: "dev", folder: "apps/web", resources: { get resources() { return manifests.objects.map(manifestFileName); } } });
    });
    const folder = output.below("gitops/dev/apps/web");
    const listed = parse(folder["kustomization.yaml"]).resources;
    expect(listed).toEqual(Object.keys(folder).filter((f) => f !== "kustomization.yaml").sort());
    expect(listed).toEqual(["namespace-web.yaml", "serviceaccount-web.yaml"]);
  });

  test("rejects a bad folder and resources outside the folder", () => {
    const stack = new TerraformStack(new App(), "s");
    expect(() => new KustomizationFile(stack, "A", { environment: "dev", folder: "Apps/../x", resources: { resources: [] } })).toThrow(
      's/A: folder "Apps/../x" is not valid; use lower-case path segments such as "apps/web"',
    );
    for (const resource of ["../web", "/etc/x", "a/./b", ""]) {
      const file = new KustomizationFile(stack, `B${resource.length}${resource.charCodeAt(0) || 0}`, { environment: "dev", folder: "apps", resources: { resources: [resource] } });
      expect(() => file.render()).toThrow(`resource "${resource}" is not a relative path inside apps; list file names or sub-folders such as "deployment-web.yaml"`);
    }
  });
});
