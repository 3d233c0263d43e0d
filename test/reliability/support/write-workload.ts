import { randomBytes, randomUUID } from 'node:crypto';
import type { Bundle, BundleEntry, OperationOutcome, Patient } from '@medplum/fhirtypes';
import { REGISTRATION_SITE_URL } from '../../../server/store/patient-access.js';
import { answeredBetween, countStatuses, type Answer } from './answers.js';
import type { StaffLogin } from './staff.js';

/** Identifies every Patient the workload creates, one value per create; kept by later updates. */
export const WRITE_MARKER = 'urn:hiwa:reliability:write';
/** Added to every version a transaction writes: its versions must be stored all together or not at all. */
export const TRANSACTION_MARKER = 'urn:hiwa:reliability:transaction';

/**
 * What the client was told: the last acknowledged version of each Patient (and the family name that version
 * carries), every create and transaction it attempted and whether it was acknowledged. An attempt that got no
 * answer may or may not have been stored; an acknowledged one must be; a refused one must not be.
 */
export class WriteLedger {
  readonly run = randomBytes(4).toString('hex');
  /** Patient id → last acknowledged version */
  readonly acknowledged = new Map<string, { versionId: number; family: string }>();
  /** write marker → status of the create (0 = no answer) */
  readonly creates = new Map<string, number>();
  /** transaction marker → its entry count and status (0 = no answer) */
  readonly transactions = new Map<string, { size: number; status: number }>();
  /** family names of updates that were refused with an answer (never stored) */
  readonly refusedFamilies: string[] = [];
  readonly answers: Answer[] = [];
  private written = 0;

  /** a value no other write of this ledger uses, for markers and family names */
  nextName(writer: number): string {
    return `${this.run}-w${writer}-${this.written++}`;
  }

  acknowledge(patient: Patient): void {
    const versionId = Number(patient.meta?.versionId);
    const known = this.acknowledged.get(patient.id as string);
    if (!known || known.versionId < versionId) {
      this.acknowledged.set(patient.id as string, { versionId, family: patient.name?.[0]?.family as string });
    }
  }

  /** answers per status to requests sent in [since, until) */
  statusCounts(since = 0, until = Infinity): Record<number, number> {
    return countStatuses(answeredBetween(this.answers, since, until));
  }

  acknowledgedWrites(): number {
    return this.answers.filter((a) => a.status >= 200 && a.status < 300).length;
  }
}

export interface WorkloadOptions {
  fhirBase: string;
  token: string;
  login: StaffLogin;
  writers: number;
  ledger: WriteLedger;
  /** checked before each request: the writers stop once it says so */
  stopped: () => boolean;
  /** pause between a writer's requests, e.g. to keep a steady trickle while a database is down */
  pauseMs?: number;
}

/**
 * Writers that each loop over create, create, update, transaction (three creates and an update of one of
 * the writer's own Patients) until told to stop. Each writer updates only Patients it created, one request
 * at a time, so the versions it was told about are the newest ones unless a request went unanswered.
 */
export async function runWriters(options: WorkloadOptions): Promise<void> {
  await Promise.all(Array.from({ length: options.writers }, (_, w) => writer(options, w)));
}

async function writer(options: WorkloadOptions, w: number): Promise<void> {
  const { ledger } = options;
  const own: Patient[] = [];
  const family = (): string => `r${ledger.nextName(w)}`;
  const newPatient = (): Patient => {
    const marker = ledger.nextName(w);
    ledger.creates.set(marker, 0);
    return patientOf(options.login, marker, family());
  };
  for (let step = 0; !options.stopped(); step++) {
    const kind: Answer['kind'] = step % 4 === 3 ? 'transaction' : step % 4 === 2 && own.length > 0 ? 'update' : 'create';
    if (kind === 'create') {
      const patient = newPatient();
      const answer = await send(options, kind, 'POST', 'Patient', patient);
      ledger.creates.set(markerOf(patient), answer.status);
      if (answer.stored) {
        ledger.acknowledge(answer.body as Patient);
        own.push(answer.body as Patient);
      }
    } else if (kind === 'update') {
      const previous = own[step % own.length];
      const next: Patient = { ...withoutTransactionMarker(previous), name: [{ family: family(), given: ['Reliability'] }] };
      const answer = await send(options, kind, 'PUT', `Patient/${previous.id}`, next);
      if (answer.stored) {
        ledger.acknowledge(answer.body as Patient);
        own[step % own.length] = answer.body as Patient;
      } else if (answer.status !== 0) ledger.refusedFamilies.push(next.name?.[0]?.family as string);
    } else {
      const txn = randomUUID();
      const tag = { system: TRANSACTION_MARKER, value: txn };
      const creates = [newPatient(), newPatient(), newPatient()].map((p) => ({ ...p, identifier: [...(p.identifier ?? []), tag] }));
      const updated = own.length > 0 ? own[step % own.length] : undefined;
      const entries: BundleEntry[] = creates.map((resource) => ({
        fullUrl: `urn:uuid:${randomUUID()}`,
        resource,
        request: { method: 'POST', url: 'Patient' },
      }));
      if (updated) {
        const base = withoutTransactionMarker(updated);
        const resource: Patient = { ...base, identifier: [...(base.identifier ?? []), tag], name: [{ family: family(), given: ['Reliability'] }] };
        entries.push({ resource, request: { method: 'PUT', url: `Patient/${updated.id}` } });
      }
      ledger.transactions.set(txn, { size: entries.length, status: 0 });
      const answer = await send(options, kind, 'POST', '', { resourceType: 'Bundle', type: 'transaction', entry: entries });
      ledger.transactions.set(txn, { size: entries.length, status: answer.status });
      for (const p of creates) ledger.creates.set(markerOf(p), answer.status);
      if (answer.stored) {
        const stored = ((answer.body as Bundle).entry ?? []).map((e) => e.resource as Patient);
        stored.forEach((p) => ledger.acknowledge(p));
        own.push(...stored.slice(0, creates.length));
        if (updated) own[own.indexOf(updated)] = stored[creates.length];
      }
    }
    if (options.pauseMs) await new Promise((resolve) => setTimeout(resolve, options.pauseMs));
  }
}

function patientOf(login: StaffLogin, marker: string, family: string): Patient {
  return {
    resourceType: 'Patient',
    identifier: [{ system: WRITE_MARKER, value: marker }],
    name: [{ family, given: ['Reliability'] }],
    gender: 'female',
    birthDate: '1990-01-01',
    managingOrganization: { reference: `Organization/${login.organizationId}` },
    extension: [{ url: REGISTRATION_SITE_URL, valueReference: { reference: `Location/${login.siteId}` } }],
  };
}

/** A later version no longer carries the marker, so the marker counts exactly the versions its transaction wrote. */
function withoutTransactionMarker(patient: Patient): Patient {
  return { ...patient, identifier: patient.identifier?.filter((i) => i.system !== TRANSACTION_MARKER) };
}

function markerOf(patient: Patient): string {
  return patient.identifier?.find((i) => i.system === WRITE_MARKER)?.value as string;
}

/** A request that gets no answer within this long counts as unanswered (its outcome unknown), like a client's timeout. */
const REQUEST_TIMEOUT_MS = 30_000;

async function send(
  options: WorkloadOptions,
  kind: Answer['kind'],
  method: 'POST' | 'PUT',
  path: string,
  body: unknown,
): Promise<{ status: number; stored: boolean; body?: unknown }> {
  const at = Date.now();
  try {
    const res = await fetch(`${options.fhirBase}/${path}`, {
      method,
      headers: { 'content-type': 'application/fhir+json', authorization: `Bearer ${options.token}`, prefer: 'return=representation' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    const parsed = parseJson(text);
    options.ledger.answers.push({
      kind,
      status: res.status,
      at,
      retryAfter: res.headers.get('retry-after'),
      outcome: (parsed as OperationOutcome | undefined)?.resourceType === 'OperationOutcome',
    });
    return { status: res.status, stored: res.status >= 200 && res.status < 300, body: parsed };
  } catch {
    // The connection broke (the server was killed) or the request timed out: the outcome is unknown.
    options.ledger.answers.push({ kind, status: 0, at, retryAfter: null, outcome: false });
    return { status: 0, stored: false };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
