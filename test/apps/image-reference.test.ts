import { parsePinnedImage } from "../../lib/apps/image-reference";
import { digest } from "../support/fixtures";

describe("parsePinnedImage", () => {
  const sha = digest("web");

  test("accepts registry/repo@sha256 with and without a tag", () => {
    expect(parsePinnedImage(`acrcontosodev.azurecr.io/web@${sha}`)).toEqual({
      reference: `acrcontosodev.azurecr.io/web@${sha}`,
      repository: "acrcontosodev.azurecr.io/web",
      tag: undefined,
      digest: sha,
    });
    expect(parsePinnedImage(`registry.local:5000/team/web:1.2.3@${sha}`)).toMatchObject({
      repository: "registry.local:5000/team/web",
      tag: "1.2.3",
      digest: sha,
    });
  });

  test("rejects a mutable tag alone", () => {
    expect(parsePinnedImage("web:latest")).toBe(
      'image "web:latest" is not pinned; use an image reference with @sha256:<digest>, e.g. registry/repo:1.2.3@sha256:<64 hex digits>',
    );
  });

  test.each([
    ["web@sha256:abc", "sha256:abc"],
    [`web@sha256:${"A".repeat(64)}`, `sha256:${"A".repeat(64)}`],
    [`web@md5:${"a".repeat(64)}`, `md5:${"a".repeat(64)}`],
  ])("rejects the bad digest of %s", (reference, bad) => {
    expect(parsePinnedImage(reference)).toBe(`image "${reference}" has digest "${bad}", which is not valid; use sha256: followed by 64 lower-case hex digits`);
  });

  test("rejects a bad repository and a bad tag", () => {
    expect(parsePinnedImage(`Web/App@${sha}`)).toMatch(/has repository "Web\/App", which is not valid/);
    expect(parsePinnedImage(`web:-bad@${sha}`)).toMatch(/has tag "-bad", which is not valid/);
    expect(parsePinnedImage("")).toMatch(/is not an image reference/);
  });
});
