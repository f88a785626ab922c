/**
 * `npm run function-lengths`: every function in the tree's TypeScript longer than a limit (80 lines unless
 * `--max N`), longest first, with its file, line and name; a `describe` block's callback only groups tests and
 * is not counted. A function may stay long when the comment right above
 * it says why ("Long on purpose: …"); those are listed apart. `--check` exits 1 while any long function has no
 * such reason, so the rule can run in CI.
 *
 * Plain JavaScript on the TypeScript compiler API, so it runs without a build.
 */
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");

/** The project's way of writing the reason: "Long on purpose: …" (or "Longer than ~80 lines on purpose: …"). */
const REASON = /\bLong(?:er than ~?\d+ lines)? on purpose:/;
/** Calls whose callback only groups tests (`describe`, a scenario of named steps): a container, not a function. */
const GROUPING = new Set(["describe", "describe.each", "scenario"]);

function parseArgs(argv) {
  const options = { max: 80, check: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--check") options.check = true;
    else if (argv[i] === "--max") options.max = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]} (use --max N, --check)`);
  }
  if (!Number.isInteger(options.max) || options.max < 1) throw new Error("--max takes a whole number");
  return options;
}

/** The TypeScript files git tracks (and untracked ones it does not ignore); no declarations, nothing vendored. */
function sourceFiles(root) {
  const listed = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts"], {
    cwd: root,
    encoding: "utf8",
  });
  return listed
    .split("\n")
    .filter((f) => f && !f.endsWith(".d.ts") && !/(^|\/)(node_modules|dist)\//.test(f))
    .filter((f) => fs.existsSync(path.join(root, f)));
}

/** What a reader would call the function: its own name, the variable or property it is assigned to, or its kind. */
function nameOf(node) {
  if (node.name && ts.isIdentifier(node.name)) return node.name.text;
  if (node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return "constructor";
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return "(anonymous)";
}

/** The statement that holds the function (for a `const f = () => …`, the whole declaration), whose comments count. */
function holderOf(node) {
  // A test's callback: the comment sits above the `test(...)` statement.
  if (node.parent && ts.isCallExpression(node.parent) && ts.isExpressionStatement(node.parent.parent))
    return node.parent.parent;
  let holder = node;
  while (
    holder.parent &&
    (ts.isVariableDeclaration(holder.parent) ||
      ts.isVariableDeclarationList(holder.parent) ||
      ts.isVariableStatement(holder.parent))
  )
    holder = holder.parent;
  return holder;
}

function longFunctions(root, file, max) {
  const text = fs.readFileSync(path.join(root, file), "utf8");
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    const grouping =
      node.parent && ts.isCallExpression(node.parent) && GROUPING.has(node.parent.expression.getText(source));
    if (ts.isFunctionLike(node) && "body" in node && node.body && !grouping) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line + 1;
      const lines = end - start + 1;
      if (lines > max) {
        const holder = holderOf(node);
        const comments = (ts.getLeadingCommentRanges(text, holder.getFullStart()) ?? [])
          .map((range) => text.slice(range.pos, range.end))
          .join("\n");
        found.push({ file, line: start, name: nameOf(node), lines, kept: REASON.test(comments) });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const root = path.resolve(__dirname, "..");
  const all = sourceFiles(root)
    .flatMap((file) => longFunctions(root, file, options.max))
    .sort((a, b) => b.lines - a.lines);
  const show = (f) => `  ${String(f.lines).padStart(4)} lines  ${f.file}:${f.line}  ${f.name}`;
  const unexplained = all.filter((f) => !f.kept);
  const kept = all.filter((f) => f.kept);
  console.log(`${unexplained.length} function(s) over ${options.max} lines without a reason:`);
  for (const f of unexplained) console.log(show(f));
  console.log(`${kept.length} function(s) over ${options.max} lines long on purpose, the reason written above them:`);
  for (const f of kept) console.log(show(f));
  if (options.check && unexplained.length > 0) process.exitCode = 1;
}

main();
