/**
 * Work the server does on its own, every so often: sending mail, enqueuing reminders. A run never
 * overlaps the previous run of the same job; an error is logged and the next run tries again.
 * Tests call the jobs' functions directly instead.
 */
export class BackgroundJobs {
  private readonly jobs: { name: string; everyMs: number; run: () => Promise<unknown> }[] = [];
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  every(name: string, everyMs: number, run: () => Promise<unknown>): this {
    if (everyMs > 0) this.jobs.push({ name, everyMs, run });
    return this;
  }

  /** Starts every job: a first run at once, then one per interval. */
  start(): void {
    for (const job of this.jobs) {
      let busy = false;
      const tick = () => {
        if (busy || this.stopped) return;
        busy = true;
        const run = job
          .run()
          .then(
            () => {},
            (error: unknown) => console.error(`background job ${job.name} failed:`, error),
          )
          .finally(() => {
            busy = false;
            this.running.delete(run);
          });
        this.running.add(run);
      };
      const timer = setInterval(tick, job.everyMs);
      // the jobs alone do not keep the process alive
      timer.unref();
      this.timers.push(timer);
      tick();
    }
  }

  /** Stops the timers and waits for runs in progress, before the database is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await Promise.all([...this.running]);
  }
}
