/**
 * An emulator clock on real time that holds back long delays: a task scheduled `holdFromMs` or more ahead (an
 * lroSlow fault's "never ends") waits until the test calls release(), then runs at once. A test can so keep an
 * operation running for as long as it needs, whatever the machine's load, and end it at the moment it chooses.
 */
import { RealClock, type Clock, type ClockTimer } from "../../../emulator/arm/clock";

export class HeldClock implements Clock {
  private readonly real = new RealClock();
  private held = new Map<number, () => void>();
  private nextHeldId = -1;
  private holding = true;

  constructor(private readonly holdFromMs: number) {}

  now(): number {
    return this.real.now();
  }

  schedule(delayMs: number, task: () => void): ClockTimer {
    if (!this.holding || delayMs < this.holdFromMs) return this.real.schedule(delayMs, task);
    const id = this.nextHeldId--;
    this.held.set(id, task);
    return { id };
  }

  cancel(timer: ClockTimer): void {
    if (!this.held.delete(timer.id)) this.real.cancel(timer);
  }

  cancelAll(): void {
    this.held.clear();
    this.real.cancelAll();
  }

  /** How many tasks are held. */
  heldCount(): number {
    return this.held.size;
  }

  /** Runs every held task now. */
  release(): void {
    const tasks = [...this.held.values()];
    this.held.clear();
    for (const task of tasks) task();
  }

  /** Runs every held task now, and from then on holds nothing: later tasks wait their real delays. */
  stopHolding(): void {
    this.holding = false;
    this.release();
  }
}
