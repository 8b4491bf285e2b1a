import { Command, Option } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CliContext } from "./context";

const FORMATS = ["mermaid", "dot", "json"] as const;

/** `cdktf-gitops graph`: the stack graph and the promotion chain of the synthesized platform. */
export function registerGraph(program: Command, cli: CliContext): void {
  program
    .command("graph")
    .description("print the stack graph (apply order) and the promotion chain as Mermaid, DOT or JSON")
    .addOption(new Option("--format <format>", "output format").choices(FORMATS).default("mermaid"))
    .option("--out <dir>", "read an existing synthesized cdktf.out folder instead of synthesizing")
    .action(async (options: { format: (typeof FORMATS)[number]; out?: string }) => {
      const { readPlatformGraph } = await import("../release/graph");
      const { graphToDot, graphToMermaid } = await import("./graph-format");
      const { io } = cli;
      let graph;
      if (options.out !== undefined) {
        graph = readPlatformGraph(path.resolve(io.cwd, options.out));
      } else {
        const { synthesize } = await import("../release/synth");
        const { findProjectRoot } = await import("../release/source");
        const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-gitops-graph-"));
        try {
          synthesize({ projectDir: findProjectRoot(io.cwd), outDir, env: io.env });
          graph = readPlatformGraph(outDir);
        } finally {
          fs.rmSync(outDir, { recursive: true, force: true });
        }
      }
      io.stdout(options.format === "dot" ? graphToDot(graph) : options.format === "json" ? `${JSON.stringify(graph, null, 2)}\n` : graphToMermaid(graph));
    });
}
