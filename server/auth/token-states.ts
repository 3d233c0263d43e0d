/**
 * What every authenticated request must know about its caller besides the token: is the account active,
 * at which token generation (is the system client active). Looked up in the database on the first
 * request and remembered per process; the database tells every process when it changes (a trigger
 * NOTIFYs `hiwa_token_state` on deactivation or a new generation, migration 011), and the entry is
 * forgotten.
 *
 * The remembered state is trusted only while the process is listening: until the listener is connected,
 * and from the moment it is lost until it is back, every request asks the database, and whatever was
 * remembered is dropped (notifications sent meanwhile are lost).
 *
 * The fill/invalidate race: a lookup that started before a change committed may answer with the old
 * state after the notification has been handled. Each notification moves `epoch` on, and a lookup stores
 * its answer only if no notification arrived while it ran; one that arrives after it stored is handled by
 * deleting the entry. Either way the old state is never served after the notification.
 */
export type TokenStateKey = `account:${string}` | `client:${string}`;

/** Where change notices come from (Database.listen), or nothing: then every request asks the database. */
export type ListenForChanges = (handlers: { notify(payload: string): void; connected(up: boolean): void }) => Promise<() => Promise<void>>;

/** Enough for every account and client of a large deployment; each entry is a few dozen bytes. */
const MAX_ENTRIES = 50_000;

/** How long a change waits for its own notice to come back before answering (see `changed`). */
const ECHO_WAIT_MS = 2_000;

export class TokenStates {
  private readonly entries = new Map<TokenStateKey, unknown>();
  private readonly waiting = new Map<TokenStateKey, Set<() => void>>();
  private epoch = 0;
  private listening = false;
  private stopListening: (() => Promise<void>) | undefined;

  /** Whether remembered state is used: the change notices are being heard. */
  get trusted(): boolean {
    return this.listening;
  }

  /** Starts listening; the cache stays off until the listener says it is connected. */
  async listen(listen: ListenForChanges): Promise<void> {
    this.stopListening = await listen({
      notify: (payload) => this.noticed(payload as TokenStateKey),
      connected: (up) => {
        this.clear();
        this.listening = up;
      },
    });
  }

  async close(): Promise<void> {
    this.listening = false;
    this.clear();
    await this.stopListening?.();
  }

  /** The state under `key`, remembered or looked up with `load`. */
  async get<T>(key: TokenStateKey, load: () => Promise<T>): Promise<T> {
    if (this.listening && this.entries.has(key)) return this.entries.get(key) as T;
    const epoch = this.epoch;
    const value = await load();
    if (this.listening && epoch === this.epoch) this.remember(key, value);
    return value;
  }

  /**
   * Runs a change of `key`'s state (`commit` resolves once it has committed), then forgets the key here and
   * waits (a bounded time) until this process has heard the change's own notice: when the change answers,
   * PostgreSQL has sent the notice to every listening process.
   */
  async changed<T>(key: TokenStateKey, commit: () => Promise<T>): Promise<T> {
    const heard = this.listening ? this.nextNotice(key) : undefined;
    try {
      const result = await commit();
      this.forget(key);
      await heard?.promise;
      return result;
    } finally {
      heard?.cancel();
    }
  }

  private forget(key: TokenStateKey): void {
    this.epoch++;
    this.entries.delete(key);
  }

  private noticed(key: TokenStateKey): void {
    this.forget(key);
    const waiters = this.waiting.get(key);
    this.waiting.delete(key);
    waiters?.forEach((resolve) => resolve());
  }

  private clear(): void {
    this.epoch++;
    this.entries.clear();
  }

  private remember(key: TokenStateKey, value: unknown): void {
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as TokenStateKey);
    this.entries.set(key, value);
  }

  private nextNotice(key: TokenStateKey): { promise: Promise<void>; cancel(): void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    const timer = setTimeout(resolve, ECHO_WAIT_MS);
    timer.unref();
    const set = this.waiting.get(key) ?? new Set();
    set.add(resolve);
    this.waiting.set(key, set);
    return {
      promise,
      cancel: () => {
        clearTimeout(timer);
        set.delete(resolve);
      },
    };
  }
}
