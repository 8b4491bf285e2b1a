// Files of a scaffolded infra repository that depend on little or nothing of the choices made at `init`.
import type { ScaffoldSpec } from "./init-spec";
import { LIBRARY_NAME } from "./package-versions";

/** jest through swc: no type-checking at test time (`tsc --noEmit` does that once in `npm test`). */
export const SCAFFOLD_JEST_CONFIG = `/** Jest runs TypeScript through swc without type-checking; \`tsc --noEmit\` type-checks once in \`npm test\`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
    // cdktf-gitops validates specs with secretlint's rule preset, an ES module: Node 20 require()s it, jest's
    // module system needs it compiled to CommonJS.
    "/node_modules/@secretlint/.+\\\\.js$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@secretlint/)"],
  testTimeout: 60000,
};
`;

export const SCAFFOLD_TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: "ES2022",
      module: "commonjs",
      moduleResolution: "node",
      lib: ["ES2022"],
      strict: true,
      noImplicitReturns: true,
      noUnusedLocals: true,
      esModuleInterop: true,
      resolveJsonModule: true,
      skipLibCheck: true,
      noEmit: true,
      types: ["node", "jest"],
    },
    include: ["main.ts", "environments/**/*.ts", "test/**/*.ts"],
    exclude: ["node_modules", "cdktf.out"],
  },
  null,
  2,
)}\n`;

/** One snapshot of everything the platform synthesizes: the Terraform JSON of each stack and the GitOps files. */
export const SCAFFOLD_TEST = `import { App } from "cdktf";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildPlatform } from "${LIBRARY_NAME}";
import { apps, pins, platform } from "../environments";

/** Synthesizes the platform into a temporary folder: path → content of each stack's JSON and each GitOps file. */
function synthesize(): Record<string, string> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
  try {
    const app = new App({ outdir });
    buildPlatform(app, platform, { apps, pins });
    app.synth();
    const files: Record<string, string> = {};
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else files[path.relative(outdir, file).split(path.sep).join("/")] = fs.readFileSync(file, "utf8");
      }
    };
    for (const folder of ["stacks", "gitops"]) walk(path.join(outdir, folder));
    return files;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const files = synthesize();

test("the platform synthesizes what was reviewed (update with npm run test:update)", () => {
  expect(files).toMatchSnapshot();
});

test("every app runs in dev by its pinned digest", () => {
  for (const [app, image] of Object.entries(pins.dev ?? {})) {
    const manifests = Object.entries(files).filter(([file]) => file.startsWith(\`gitops/dev/apps/\${app}/\`));
    expect(manifests.map(([, text]) => text).join("\\n")).toContain(image);
  }
});
`;

/** The scaffold's own README: what is where, the first release, and what to set before applying. */
export function SCAFFOLD_README(spec: ScaffoldSpec): string {
  const samples = spec.samples.length
    ? `\nBefore the first \`terraform apply\`, replace the sample values in \`environments/shared.ts\`: ${spec.samples.map((s) => `\`${s}\``).join(", ")}.\nThey synthesize, but open nothing and name no real group.\n`
    : "";
  return `# ${spec.project} infrastructure

Environments, apps and their pinned versions of **${spec.project}**, built with [${LIBRARY_NAME}](https://www.npmjs.com/package/${LIBRARY_NAME})
on CDK for Terraform, released to a GitOps repository that Flux syncs the clusters from.

\`\`\`bash
npm install                 # exact versions: the library, cdktf, the providers, cdktf-cli, jest, TypeScript 5.9
npm test                    # type-check (tsc --noEmit), then the snapshot test of everything synthesized
npm run synth               # cdktf.out/stacks/<stack>/cdk.tf.json and cdktf.out/gitops/<env>/...
npx ${LIBRARY_NAME} publish   # release to .gitops/repo.git (local); --repo <url> for your GitOps repository
\`\`\`
${samples}
| path | holds |
|---|---|
| \`environments/dev.ts\` | the dev environment (region ${spec.region}, Flux) |
| \`environments/shared.ts\` | values the environments share: admin group, API server ranges, owners, GitOps URL |
| \`environments/apps.ts\` | the apps (a sample nginx to start) |
| \`environments/pins/<env>.json\` | the image each environment runs, pinned by digest (\`${LIBRARY_NAME} promote\` rewrites it) |
| \`environments/index.ts\` | the platform: project, environments, pins |
| \`main.ts\` | the cdktf app (\`cdktf.json\` runs it with the fast TypeScript preload) |
| \`test/\` | a snapshot of every stack and GitOps file; \`npm run test:update\` after an intended change |

${
    spec.delivery
      ? `Pipelines (${spec.delivery.ci === "github" ? "GitHub Actions" : "Azure Pipelines"}): \`npx ${LIBRARY_NAME} pipelines write\` writes them from \`platform.delivery\` in
\`environments/index.ts\`; commit them. Apply the \`state\` and \`delivery\` stacks once by hand first.

`
      : ""
  }Releases: \`npx ${LIBRARY_NAME} diff\` shows what a publish would change, \`publish\` releases, \`history --env dev\`
lists releases, \`rollback --env dev\` restores the previous one, \`status\` shows every environment.
Set \`CHECKPOINT_DISABLE=1\` in your shell and CI so cdktf-cli does not call HashiCorp's version check service
(\`npm run synth\` sets it).
`;
}
