import { AzurermProvider } from "@cdktf/provider-azurerm/lib/provider";
import { ResourceGroup } from "@cdktf/provider-azurerm/lib/resource-group";
import { App, Fn, Lazy, TerraformCount, TerraformOutput, TerraformStack, TerraformVariable, Token } from "cdktf";

/** Two stacks; the second refers to the first in every way a token can hold a reference. */
export function crossStackApp(app: App = new App({ outdir: "/nonexistent" })): TerraformStack[] {
  const a = new TerraformStack(app, "a");
  new AzurermProvider(a, "azurerm", { features: [{}] });
  const group = new ResourceGroup(a, "Group", { name: "rg-a", location: "westeurope" });
  const b = new TerraformStack(app, "b");
  new AzurermProvider(b, "azurerm", { features: [{}] });
  const count = TerraformCount.of(2);
  const key = new TerraformVariable(b, "key", { type: "string" });
  const own = new ResourceGroup(b, "Own", { name: "rg-own", location: "westeurope" });
  const values: Record<string, unknown> = {
    plain: group.name,
    template: `${group.location}-suffix`,
    number: Token.asNumber(group.id),
    numberInString: `n=${Token.asNumber(group.managedBy)}`,
    list: Token.asList(group.tags),
    lazy: Lazy.stringValue({ produce: () => group.location }),
    joined: Fn.join("-", [group.name, "x"]),
    literal: "no token here, 3e8 is just text",
    // references whose identifier holds a token: cdktf resolves the identifier again
    keyedByOtherStack: Token.asString(own.interpolationForAttribute(`tags[${group.name}]`)),
    keyedByVariable: Token.asString(own.interpolationForAttribute(`tags["${key.stringValue}"]`)),
    indexedByCount: Token.asString(own.interpolationForAttribute(`tags[${Token.asString(count.index)}]`)),
  };
  for (const [id, value] of Object.entries(values)) new TerraformOutput(b, id, { value });
  new ResourceGroup(b, "Tagged", { name: "rg-b", location: "westeurope", tags: { [group.name]: "keyed by a reference", plain: "v" } });
  return [a, b];
}

