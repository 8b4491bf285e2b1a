/** PromQL syntax checks with the Prometheus grammar (@prometheus-io/lezer-promql). */
const { parser } = require("@prometheus-io/lezer-promql") as { parser: { parse(text: string): { iterate(spec: { enter(node: { type: { isError: boolean }; from: number }): void }): void } } };

/** The syntax errors of a PromQL expression, as `error at <offset>`; an empty list means it parses. */
export function promqlSyntaxErrors(expression: string): string[] {
  const errors: string[] = [];
  if (expression.trim().length === 0) return ["empty expression"];
  parser.parse(expression).iterate({
    enter(node) {
      if (node.type.isError) errors.push(`error at ${node.from}: ${expression.slice(Math.max(0, node.from - 10), node.from + 10)}`);
    },
  });
  return errors;
}
