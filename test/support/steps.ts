/**
 * Named steps over one shared stack: each step is its own jest test, run in order, so a failure names the step
 * ("refresh reports the dropped view") instead of line 140 of one long test. A step after a failed one does not
 * run its body against a stack left half-way; it fails at once naming the step that broke the chain.
 */
export type StepBody = () => Promise<void>;

/** `timeoutMs`, when given, replaces jest's testTimeout for that step (a step that installs or runs a CLI). */
export function stepsInOrder(): (name: string, body: StepBody, timeoutMs?: number) => void {
  let broken: string | undefined;
  return (name, body, timeoutMs) =>
    test(
      name,
      async () => {
        if (broken !== undefined) throw new Error(`not run: the earlier step "${broken}" failed`);
        try {
          await body();
        } catch (error) {
          broken = name;
          throw error;
        }
      },
      timeoutMs,
    );
}
