/** The output guard and file helpers under the commands. */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { Console, CliError, writeOutputFile, type CliIo } from "../../../cli/io";

function console(): { c: Console; printed: () => string } {
  let text = "";
  const io: CliIo = { stdout: (t) => void (text += t), stderr: (t) => void (text += t), env: {}, cwd: "/" };
  return { c: new Console(io), printed: () => text };
}

test("a secret the run obtained is blanked in everything printed, on stdout and stderr", () => {
  const { c, printed } = console();
  c.addSecret("Pa55-word;x");
  c.out("driver said: Pa55-word;x is wrong (Pa55-word;x)");
  c.err("again Pa55-word;x");
  expect(printed()).toBe("driver said: *** is wrong (***)\nagain ***\n");
});

test("very short secrets are not blanked (that would mangle the output, not protect anything)", () => {
  const { c, printed } = console();
  c.addSecret("abc");
  c.out("abc table");
  expect(printed()).toBe("abc table\n");
});

test("a file that cannot be written is a CliError naming the flag and the file", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "cli-io-"));
  try {
    const notAFolder = path.join(dir, "file");
    writeFileSync(notAFolder, "");
    const target = path.join(notAFolder, "x.json");
    const error = await writeOutputFile(target, "{}", "--json").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(2);
    expect((error as Error).message).toBe(
      `--json ${target}: cannot write (a part of the path is a file, not a folder)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
