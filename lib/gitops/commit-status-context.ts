/** The commit status context of an environment's layer: `cdktf-gitops/<env>/<layer>`, one per environment and layer. */
export function commitStatusContext(environment: string, layer: string): string {
  return `cdktf-gitops/${environment}/${layer}`;
}
