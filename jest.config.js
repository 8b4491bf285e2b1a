/** Jest runs TypeScript through swc without type-checking; `tsc --noEmit` type-checks once in `npm test`. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" } }],
    // secretlint's rule preset is an ES module: Node 20 require()s it, jest's module system needs it as CommonJS.
    "/node_modules/@secretlint/.+\\.js$": ["@swc/jest", { jsc: { target: "es2022" }, module: { type: "commonjs" } }],
  },
  transformIgnorePatterns: ["/node_modules/(?!@secretlint/)"],
  moduleNameMapper: {
    "^cdktf-gitops$": "<rootDir>/index.ts",
  },
  testTimeout: 60000,
};
