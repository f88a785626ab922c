/**
 * README's "Use it in your stack" shows the program the consumer test runs: examples/your-stack/index.ts, verbatim.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const REPO = path.resolve(__dirname, "../../..");

test("README's program is examples/your-stack/index.ts, character for character", () => {
  const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
  const section = readme.split("\n## Use it in your stack\n")[1]?.split("\n## ")[0];
  expect(section).toBeDefined();
  expect(section).toContain("[examples/your-stack/index.ts](examples/your-stack/index.ts)");
  const shown = /\n```ts\n([\s\S]*?)```\n/.exec(section!)?.[1];
  expect(shown).toBe(fs.readFileSync(path.join(REPO, "examples", "your-stack", "index.ts"), "utf8"));
});

test("the program stays short: about 30 lines", () => {
  const lines = fs
    .readFileSync(path.join(REPO, "examples", "your-stack", "index.ts"), "utf8")
    .trimEnd()
    .split("\n");
  expect(lines.length).toBeLessThanOrEqual(40);
});
