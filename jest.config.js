/** Unit tests run from TypeScript sources; integration tests drive the real Pulumi engine (see test/support). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "test/tsconfig.json" }] },
  testTimeout: 120000,
  verbose: true,
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
};
