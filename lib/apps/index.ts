export * from "./app-spec";
export * from "./image-reference";
export * from "./validate-apps";
export * from "./resolved-app";
export * from "./app-objects";
export * from "./app-identity";
export * from "./pins";
