import { blocks } from "./terraform-values";
import { TerraformResourceInput } from "./rule";

const INTERNET = new Set(["*", "0.0.0.0", "0.0.0.0/0", "Internet", "Any", "any", "internet"]);

/** The inbound allow rules of a network security group (inline `security_rule`) or a separate `azurerm_network_security_rule`. */
function inboundAllows(resource: TerraformResourceInput): Record<string, unknown>[] {
  const rules = resource.type === "azurerm_network_security_rule" ? [resource.body as Record<string, unknown>] : blocks(resource.body, "security_rule");
  return rules.filter((rule) => String(rule.direction).toLowerCase() === "inbound" && String(rule.access).toLowerCase() === "allow");
}

function fromInternet(rule: Record<string, unknown>): boolean {
  const sources = [rule.source_address_prefix, ...(Array.isArray(rule.source_address_prefixes) ? rule.source_address_prefixes : [])];
  return sources.some((source) => typeof source === "string" && INTERNET.has(source));
}

function coversPort(range: unknown, port: number): boolean {
  if (typeof range !== "string") return false;
  if (range === "*") return true;
  const [low, high] = range.split("-").map(Number);
  return high === undefined ? low === port : low <= port && port <= high;
}

/** The names of inbound allow rules that open `port` (TCP or any protocol) to the internet. */
export function internetOpenRules(resource: TerraformResourceInput, port: number): string[] {
  return inboundAllows(resource)
    .filter((rule) => fromInternet(rule) && ["tcp", "*"].includes(String(rule.protocol).toLowerCase()))
    .filter((rule) => [rule.destination_port_range, ...(Array.isArray(rule.destination_port_ranges) ? rule.destination_port_ranges : [])].some((r) => coversPort(r, port)))
    .map((rule) => String(rule.name));
}
