/** Prints a test's figures on one line each, so a CI log shows what was measured and not only that it passed. */
export function printFigures(test: string, figures: Record<string, unknown>): void {
  const text = Object.entries(figures)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
  console.log(`[reliability] ${test}: ${text}`);
}

export function secondsSince(start: number): string {
  return ((performance.now() - start) / 1000).toFixed(1);
}

/** Resolves once `condition` holds, checking every 50 ms; rejects after `timeoutMs`. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
