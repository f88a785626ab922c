/**
 * The emulator's sense of time.
 *
 * Every delayed change (a provider finishing registration, a resource leaving "Creating") is scheduled
 * on a Clock instead of on setTimeout directly, so a test can either run on real time with tiny delays
 * or take a ManualClock and step time forward itself — and so stop() can cancel everything pending.
 */

export interface ClockTimer {
  readonly id: number;
}

export interface Clock {
  /** Milliseconds since the epoch, as this clock sees it. */
  now(): number;
  /** Runs `task` once `delayMs` has passed on this clock. */
  schedule(delayMs: number, task: () => void): ClockTimer;
  cancel(timer: ClockTimer): void;
  /** Cancels everything still pending (used when the emulator stops). */
  cancelAll(): void;
}

/** Wall-clock time; tasks run on Node timers that never keep the process alive on their own. */
export class RealClock implements Clock {
  private nextId = 1;
  private readonly pending = new Map<number, NodeJS.Timeout>();

  now(): number {
    return Date.now();
  }

  schedule(delayMs: number, task: () => void): ClockTimer {
    const id = this.nextId++;
    const handle = setTimeout(
      () => {
        this.pending.delete(id);
        task();
      },
      Math.max(0, delayMs),
    );
    handle.unref();
    this.pending.set(id, handle);
    return { id };
  }

  cancel(timer: ClockTimer): void {
    const handle = this.pending.get(timer.id);
    if (handle) clearTimeout(handle);
    this.pending.delete(timer.id);
  }

  cancelAll(): void {
    for (const handle of this.pending.values()) clearTimeout(handle);
    this.pending.clear();
  }
}

interface ManualTask {
  id: number;
  due: number;
  task: () => void;
}

/** Time that only moves when a test calls advance(); due tasks run synchronously, oldest first. */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private tasks: ManualTask[] = [];

  constructor(start: number = Date.now()) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  schedule(delayMs: number, task: () => void): ClockTimer {
    const id = this.nextId++;
    this.tasks.push({ id, due: this.current + Math.max(0, delayMs), task });
    return { id };
  }

  cancel(timer: ClockTimer): void {
    this.tasks = this.tasks.filter((t) => t.id !== timer.id);
  }

  cancelAll(): void {
    this.tasks = [];
  }

  /** How many tasks are waiting (handy to assert that nothing is left to happen). */
  pendingCount(): number {
    return this.tasks.length;
  }

  /**
   * Moves time forward by `ms`, running every task that falls due on the way — including tasks that
   * those tasks schedule inside the window, so a chain of 0 ms steps completes in one advance(0).
   */
  advance(ms: number): void {
    const target = this.current + Math.max(0, ms);
    for (;;) {
      const next = this.earliestDue(target);
      if (!next) break;
      this.tasks = this.tasks.filter((t) => t !== next);
      this.current = Math.max(this.current, next.due);
      next.task();
    }
    this.current = target;
  }

  private earliestDue(limit: number): ManualTask | undefined {
    let best: ManualTask | undefined;
    for (const t of this.tasks) {
      if (t.due <= limit && (!best || t.due < best.due || (t.due === best.due && t.id < best.id))) best = t;
    }
    return best;
  }
}
