import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deactivateUser } from '../../server/auth/admin/deactivate-user.js';
import { TokenStates, type ListenForChanges } from '../../server/auth/token-states.js';
import { secondProcess, type SecondProcess } from '../support/second-process.js';
import { startTestServer, type TestServer } from '../support/server.js';

/**
 * The per-process memory of accounts' token state (active, generation): filled on a request, forgotten when
 * the database announces a change, and never serving the old state once the change has answered.
 */

/** A listener the test drives: `notify` as the database would, `connect` up or down. */
function fakeNotices(): { listen: ListenForChanges; notify(key: string): void; connect(up: boolean): void } {
  let handlers: Parameters<ListenForChanges>[0] | undefined;
  return {
    listen: async (h) => {
      handlers = h;
      return async () => undefined;
    },
    notify: (key) => handlers?.notify(key),
    connect: (up) => handlers?.connected(up),
  };
}

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('TokenStates', () => {
  it('remembers a state while listening, and forgets it on the notice', async () => {
    const states = new TokenStates();
    const notices = fakeNotices();
    await states.listen(notices.listen);
    notices.connect(true);
    let loads = 0;
    const load = async () => ({ active: true, generation: ++loads });
    expect(await states.get('account:a', load)).toEqual({ active: true, generation: 1 });
    expect(await states.get('account:a', load)).toEqual({ active: true, generation: 1 });
    notices.notify('account:a');
    expect(await states.get('account:a', load)).toEqual({ active: true, generation: 2 });
  });

  it('does not keep what a lookup read before a notice that arrived while it ran (the fill/invalidate race)', async () => {
    const states = new TokenStates();
    const notices = fakeNotices();
    await states.listen(notices.listen);
    notices.connect(true);
    const stale = deferred<string>();
    const filling = states.get('account:a', () => stale.promise); // reads the state before the change commits…
    notices.notify('account:a'); // …the change commits and is announced…
    stale.resolve('active'); // …then the old answer arrives
    expect(await filling).toBe('active'); // that request began before the change
    expect(await states.get('account:a', async () => 'deactivated')).toBe('deactivated');
  });

  it('remembers nothing until the listener is connected, and drops everything when it is lost', async () => {
    const states = new TokenStates();
    const notices = fakeNotices();
    await states.listen(notices.listen);
    let loads = 0;
    const load = async () => ++loads;
    await states.get('account:a', load);
    await states.get('account:a', load);
    expect(loads).toBe(2);
    notices.connect(true);
    await states.get('account:a', load);
    await states.get('account:a', load);
    expect(loads).toBe(3);
    notices.connect(false); // notices sent from now on would be missed
    await states.get('account:a', load);
    expect(loads).toBe(4);
    notices.connect(true);
    await states.get('account:a', load);
    expect(loads).toBe(5); // what was remembered before the loss is gone
  });

  it('a change answers once its own notice is back', async () => {
    const states = new TokenStates();
    const notices = fakeNotices();
    await states.listen(notices.listen);
    notices.connect(true);
    let answered = false;
    const change = states.changed('account:a', async () => 'done').then((r) => ((answered = true), r));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    notices.notify('account:a');
    expect(await change).toBe('done');
  });
});

describe('deactivation during a burst of requests on two API processes', () => {
  let first: TestServer;
  let second: SecondProcess;
  beforeAll(async () => {
    first = await startTestServer();
    second = await secondProcess(first);
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('no request sent after the deactivation has answered is served, on either process', async () => {
    const until = Date.now() + 10_000;
    while (!(first.auth.tokenStates.trusted && second.auth.tokenStates.trusted) && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(first.auth.tokenStates.trusted && second.auth.tokenStates.trusted).toBe(true);

    const account = await first.createAccount();
    const { access_token } = await first.login(account.username, account.password);
    const calls: { process: number; sentAt: number; status: number }[] = [];
    let deactivatedAt = Infinity;
    let stop = false;
    const burst = async (process: number, origin: string): Promise<void> => {
      while (!stop) {
        const sentAt = performance.now();
        const res = await fetch(`${origin}/auth/me`, { headers: { Authorization: `Bearer ${access_token}` } });
        await res.arrayBuffer();
        calls.push({ process, sentAt, status: res.status });
      }
    };
    const loops = [first.origin, second.origin].flatMap((origin, i) => [burst(i, origin), burst(i, origin), burst(i, origin)]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    await deactivateUser(first.auth, account.username);
    deactivatedAt = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 400));
    stop = true;
    await Promise.all(loops);

    const before = calls.filter((c) => c.sentAt < deactivatedAt);
    const after = calls.filter((c) => c.sentAt > deactivatedAt);
    // the burst reached both processes before, and went on after
    expect(before.filter((c) => c.status === 200).map((c) => c.process)).toEqual(expect.arrayContaining([0, 1]));
    expect(after.map((c) => c.process)).toEqual(expect.arrayContaining([0, 1]));
    expect(after.filter((c) => c.status !== 401)).toEqual([]);
  }, 120_000);
});
