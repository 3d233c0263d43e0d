import { useEffect, useState } from 'react';

type Health = { status: string; database?: string } | 'unreachable' | undefined;

/** The shell of Hiwa's web client: shows that the server and its database answer. */
export function App() {
  const [health, setHealth] = useState<Health>();
  useEffect(() => {
    fetch('/healthz')
      .then((r) => r.json() as Promise<{ status: string; database?: string }>)
      .then(setHealth)
      .catch(() => setHealth('unreachable'));
  }, []);
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', margin: '2rem' }}>
      <h1>Hiwa</h1>
      <p>Mental health and psychosocial support case management.</p>
      <p data-testid="server-status">
        Server:{' '}
        {health === undefined ? 'checking…' : health === 'unreachable' ? 'unreachable' : `${health.status} (${health.database})`}
      </p>
    </main>
  );
}
