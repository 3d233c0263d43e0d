import { afterAll, beforeAll } from 'vitest';
import { fhirClient, startTestServer, type TestServer, type TestServerOptions } from './server.js';

type FhirClient = ReturnType<typeof fhirClient>;

export interface TestSuiteServer {
  /** the FHIR client of the suite's server; call it inside tests */
  fhir: FhirClient;
  /** the running server, once the suite's tests run */
  readonly server: TestServer;
}

/** One app on a database of its own for the tests of one file: started before them, closed after them. */
export function useTestServer(options: TestServerOptions = {}): TestSuiteServer {
  let server: TestServer | undefined;
  let client: FhirClient | undefined;
  beforeAll(async () => {
    server = await startTestServer(options);
    client = fhirClient(server.fhirBase);
  });
  afterAll(() => server?.close());
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The test server starts in beforeAll; use it inside tests');
    return value;
  };
  return {
    fhir: ((...args: Parameters<FhirClient>) => started(client)(...args)) as FhirClient,
    get server() {
      return started(server);
    },
  };
}
