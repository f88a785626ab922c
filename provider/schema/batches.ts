/**
 * Splits a script into batches on `GO` separator lines, the way sqlcmd and SSMS do: GO must be alone on its
 * line, optionally followed by a repeat count and a line comment. Because the split works on tokens, a GO
 * inside a string literal or a block comment never splits a batch.
 */
import { tokenize, type Token } from "./tokenizer";

export interface Batch {
  /** Source text of the batch (without the GO line). */
  text: string;
  /** Every token of the batch, with offsets, lines and columns relative to the whole file. */
  tokens: Token[];
  /** Offset of the batch text in the file. */
  start: number;
  /** 1-based line where the batch text starts. */
  line: number;
  /** `GO 5` runs the preceding batch five times; 1 otherwise. */
  repeat: number;
}

/** Splits script text into batches; batches holding only whitespace and comments are dropped. */
export function splitBatches(text: string): Batch[] {
  const tokens = tokenize(text);
  const batches: Batch[] = [];
  let batchStartToken = 0;

  const close = (endToken: number, repeat: number): void => {
    const batchTokens = tokens.slice(batchStartToken, endToken);
    const hasCode = batchTokens.some((t) => t.type !== "whitespace" && t.type !== "lineComment" && t.type !== "blockComment");
    if (hasCode) {
      const first = batchTokens[0]!;
      const last = batchTokens[batchTokens.length - 1]!;
      batches.push({ text: text.slice(first.start, last.end), tokens: batchTokens, start: first.start, line: first.line, repeat });
    }
  };

  for (let i = 0; i < tokens.length; i++) {
    const separator = goSeparatorAt(text, tokens, i);
    if (separator === undefined) continue;
    close(i, separator.repeat);
    batchStartToken = separator.nextToken;
    i = separator.nextToken - 1;
  }
  close(tokens.length, 1);
  return batches;
}

/** If tokens[i] starts a GO separator line, returns the repeat count and the first token after the line. */
function goSeparatorAt(text: string, tokens: Token[], i: number): { repeat: number; nextToken: number } | undefined {
  const go = tokens[i]!;
  if (go.type !== "identifier" || go.upper !== "GO") return undefined;
  // Only whitespace may precede GO on its line.
  const lineStart = text.lastIndexOf("\n", go.start - 1) + 1;
  if (text.slice(lineStart, go.start).trim() !== "") return undefined;

  let j = i + 1;
  let repeat = 1;
  const skipInlineSpace = (): void => {
    while (j < tokens.length && tokens[j]!.type === "whitespace" && !tokens[j]!.text.includes("\n")) j++;
  };
  skipInlineSpace();
  if (tokens[j]?.type === "number" && /^\d+$/.test(tokens[j]!.text)) {
    repeat = Math.max(1, Number(tokens[j]!.text));
    j++;
    skipInlineSpace();
  }
  if (tokens[j]?.type === "lineComment") j++;
  const after = tokens[j];
  if (after === undefined) return { repeat, nextToken: j };
  if (after.type === "whitespace" && after.text.includes("\n")) return { repeat, nextToken: j };
  return undefined;
}
