import { fieldOf, listOf, Spec } from "./kubernetes-values";

/** The capabilities a container drops and adds (upper case, without a CAP_ prefix). */
export function capabilitiesOf(container: Spec): { drop: string[]; add: string[] } {
  const capabilities = fieldOf(container.securityContext, "capabilities");
  const norm = (list: unknown[]): string[] => list.map((c) => String(c).toUpperCase().replace(/^CAP_/, ""));
  return { drop: norm(listOf(capabilities, "drop")), add: norm(listOf(capabilities, "add")) };
}
