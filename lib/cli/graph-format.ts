import type { GraphEnvironment, PlatformGraph } from "../release/graph";

// Edges run from a stack to the stacks that depend on it: the apply order, read left to right. Promotion edges run
// from an environment to the one promoted from it.

/** An identifier Mermaid accepts for any name: letters and digits kept, `-` as `_`, everything else (`_` too) hex-escaped, so no two names meet. */
function mermaidId(prefix: string, name: string): string {
  return `${prefix}_${name.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.charCodeAt(0).toString(16)}_`).replace(/-/g, "_")}`;
}

/** Text inside a Mermaid `["..."]` label: quotes and the characters Mermaid treats as markup as entity codes. */
function mermaidLabel(text: string): string {
  return text.replace(/[#"<>]/g, (c) => `#${c.charCodeAt(0)};`);
}

function environmentLabel(e: GraphEnvironment): string {
  return `${e.name} (${e.tier}, ${e.sync})`;
}

/** The stack graph in environment subgraphs, and the promotion chain between them, as a Mermaid flowchart. */
export function graphToMermaid(graph: PlatformGraph): string {
  const lines = ["flowchart LR"];
  const stacksOf = (environment: string | undefined) => graph.stacks.filter((s) => s.environment === environment);
  for (const stack of stacksOf(undefined)) lines.push(`  ${mermaidId("s", stack.name)}["${mermaidLabel(stack.name)}"]`);
  for (const environment of graph.environments) {
    lines.push(`  subgraph ${mermaidId("env", environment.name)}["${mermaidLabel(environmentLabel(environment))}"]`);
    for (const stack of stacksOf(environment.name)) lines.push(`    ${mermaidId("s", stack.name)}["${mermaidLabel(stack.name)}"]`);
    lines.push("  end");
  }
  for (const stack of graph.stacks) {
    for (const dependency of stack.dependsOn) lines.push(`  ${mermaidId("s", dependency)} --> ${mermaidId("s", stack.name)}`);
  }
  for (const environment of graph.environments) {
    if (environment.promotesFrom !== undefined && graph.environments.some((e) => e.name === environment.promotesFrom)) {
      lines.push(`  ${mermaidId("env", environment.promotesFrom)} ==>|promote| ${mermaidId("env", environment.name)}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

/** A DOT string literal. */
function dotString(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** The stack graph in one cluster per environment, and the promotion chain as bold edges between environment nodes, in DOT. */
export function graphToDot(graph: PlatformGraph): string {
  const lines = ["digraph platform {", "  rankdir=LR;", "  node [shape=box];"];
  for (const stack of graph.stacks.filter((s) => s.environment === undefined)) lines.push(`  ${dotString(stack.name)};`);
  for (const environment of graph.environments) {
    lines.push(`  subgraph ${dotString(`cluster_${environment.name}`)} {`, `    label=${dotString(environmentLabel(environment))};`);
    lines.push(`    ${dotString(`env:${environment.name}`)} [shape=doubleoctagon, label=${dotString(environment.name)}];`);
    for (const stack of graph.stacks.filter((s) => s.environment === environment.name)) lines.push(`    ${dotString(stack.name)};`);
    lines.push("  }");
  }
  for (const stack of graph.stacks) {
    for (const dependency of stack.dependsOn) lines.push(`  ${dotString(dependency)} -> ${dotString(stack.name)};`);
  }
  for (const environment of graph.environments) {
    if (environment.promotesFrom !== undefined && graph.environments.some((e) => e.name === environment.promotesFrom)) {
      lines.push(`  ${dotString(`env:${environment.promotesFrom}`)} -> ${dotString(`env:${environment.name}`)} [style=bold, label="promote"];`);
    }
  }
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
