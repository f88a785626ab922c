/**
 * Two projects, so that each runs only what its tests need:
 *   - unit: everything but the engine tests, from TypeScript sources (ts-jest, transpile only: see
 *     test/tsconfig.jest.json; the tests are type-checked once by `npm run typecheck:tests`);
 *   - engine: test/integration, which drives the real Pulumi engine (see test/support); the engine loads the
 *     providers from dist/, so a global setup refuses to start when dist/ is older than the sources. Jest runs
 *     a project's global setup only when one of its tests is selected, so `npx jest test/unit/...` never
 *     checks dist/.
 */
const shared = {
  rootDir: __dirname,
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "test/tsconfig.jest.json" }] },
};

module.exports = {
  testTimeout: 120000,
  verbose: true,
  reporters: ["default", "<rootDir>/test/support/summary-reporter.js"],
  projects: [
    {
      ...shared,
      displayName: "unit",
      testMatch: ["**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/integration/"],
    },
    {
      ...shared,
      displayName: "engine",
      testMatch: ["<rootDir>/test/integration/**/*.test.ts"],
      globalSetup: "<rootDir>/test/support/require-current-dist.js",
    },
  ],
};
