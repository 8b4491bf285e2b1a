import * as fs from "fs";
import * as path from "path";

/** The fields of this package's own package.json that `init` copies versions from. */
export interface LibraryPackage {
  readonly name: string;
  readonly version: string;
  readonly engines?: Readonly<Record<string, string>>;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/** The name of this package (what an infra repository depends on). */
export const LIBRARY_NAME = "cdktf-gitops";

/**
 * This package's package.json, found upwards from this file: `lib/cli/` in a source checkout,
 * `dist/lib/cli/` in an installed package (the `files` of the package include package.json by npm's rule).
 */
export function libraryPackage(start: string = __dirname): LibraryPackage {
  let dir = start;
  for (;;) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file)) {
      const json = JSON.parse(fs.readFileSync(file, "utf8")) as LibraryPackage;
      if (json.name === LIBRARY_NAME) return json;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`${start}: no package.json of ${LIBRARY_NAME} above this folder; reinstall ${LIBRARY_NAME}`);
    dir = parent;
  }
}

/** Runtime packages of a scaffolded infra repository (its `dependencies`). */
export const SCAFFOLD_DEPENDENCIES = ["cdktf", "constructs", "@cdktf/provider-azurerm", "@cdktf/provider-helm", "@cdktf/provider-kubernetes"] as const;

/** Tools of a scaffolded infra repository (its `devDependencies`): the cdktf CLI, jest with swc, TypeScript 5.9. */
export const SCAFFOLD_DEV_DEPENDENCIES = ["cdktf-cli", "jest", "@swc/core", "@swc/jest", "@types/jest", "@types/node", "typescript"] as const;

/** The GitHub provider: a dependency of scaffolds whose CI is GitHub (governance stacks use it). */
export const GITHUB_PROVIDER = "@cdktf/provider-github";

/**
 * The exact version this package is developed and tested with, from its devDependencies (or dependencies):
 * the scaffold pins exactly these, so a new repository runs what the library's own tests ran.
 */
export function testedVersion(pkg: LibraryPackage, name: string): string {
  const version = pkg.devDependencies?.[name] ?? pkg.dependencies?.[name];
  if (version === undefined || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`${pkg.name} ${pkg.version}: package.json has no exact version of ${name} (found ${JSON.stringify(version)}); pin it exactly in devDependencies`);
  }
  return version;
}
