import { Lazy } from "cdktf";
import * as cdktfUtil from "cdktf/lib/util";
import { rememberSnakeCaseKeys } from "../../lib/policy/snake-case-keys";

// cdktf's own function, taken before any PolicyChecks.applyTo in this process replaces it
const cdktfKeysToSnakeCase = cdktfUtil.keysToSnakeCase;

describe("rememberSnakeCaseKeys", () => {
  const lazy = Lazy.anyValue({ produce: () => "x" });
  const objects: Record<string, unknown> = {
    "nested blocks": { resourceGroupName: "rg", networkProfile: [{ networkPlugin: "azure", loadBalancerSku: "standard" }], skuTier: undefined },
    "maps left as written": { tags: { CostCenter: "x" }, environment: { MY_VAR: "y" }, otherMap: { someKey: 1 } },
    "odd keys": { "__leading": 1, "trailing--": 2, "a.b.c": 3, "HTTPProxy": 4, "x2Y": 5, "": 6, "dash-case": 7 },
    "resolvables and arrays of scalars": { someValue: lazy, listOfThings: ["camelCase", 1, true], listOfLists: [[{ innerKey: 1 }]] },
  };

  test.each(Object.entries(objects))("builds what cdktf's keysToSnakeCase builds: %s", (_what, object) => {
    rememberSnakeCaseKeys();
    expect(cdktfUtil.keysToSnakeCase).not.toBe(cdktfKeysToSnakeCase);
    // twice: the second call answers from what the first remembered
    expect(cdktfUtil.keysToSnakeCase(object)).toEqual(cdktfKeysToSnakeCase(object));
    expect(cdktfUtil.keysToSnakeCase(object)).toEqual(cdktfKeysToSnakeCase(object));
  });

  test("keeps a resolvable as it is", () => {
    rememberSnakeCaseKeys();
    expect(cdktfUtil.keysToSnakeCase(lazy)).toBe(lazy);
  });
});
