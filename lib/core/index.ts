export * from "./validation-error";
export * from "./schema";
export * from "./names";
export * from "./git-rules";
export * from "./redaction";
export * from "./labels";
export * from "./namespaces";
