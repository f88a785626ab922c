/**
 * Jest global setup of the engine tests (jest.config.js): refuses to start them when dist/ is older than the
 * sources, since they would test the last build instead of the code in the tree (see dist-freshness.js).
 * Failing is cheaper than building here (a build takes most of a minute on a shared machine, a check a few
 * milliseconds), and `npm test` builds first anyway.
 */
const path = require("path");
const { staleOutputs } = require("./dist-freshness");

module.exports = async function requireCurrentDist() {
  const stale = staleOutputs(path.resolve(__dirname, "../.."));
  if (stale.length === 0) return;
  const shown = stale.slice(0, 5).join("\n  ");
  const more = stale.length > 5 ? `\n  ... and ${stale.length - 5} more` : "";
  throw new Error(
    `dist/ is older than the sources, so the engine tests would run stale providers. Run \`npm run build\` first.\n  ${shown}${more}`,
  );
};
