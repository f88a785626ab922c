/**
 * Prints one closing line in the plain form CI tools read: "tests: N passed, N failed, N skipped".
 * Jest's own summary stays above it; skipped tests are counted as skipped, never as passed.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
