import type { Bundle, MeasureReport, Parameters, Questionnaire, Resource } from '@medplum/fhirtypes';
import type { HttpClient } from './http-client.js';

const FHIR_BASE = '/fhir/R4';
const FHIR_JSON = 'application/fhir+json';

/** Search parameters; an array repeats the parameter (FHIR: every repeat must match). */
export type SearchParams = Readonly<Record<string, string | readonly string[]>>;

export interface SearchResult<T extends Resource> {
  /** the resources the search matched, in the server's order */
  matches: T[];
  /** resources brought by _include / _revinclude */
  included: Resource[];
  total?: number;
}

export function searchQuery(params: SearchParams): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of typeof value === 'string' ? [value] : value) query.append(name, one);
  }
  return query.toString();
}

/** The FHIR interactions the web client uses, over the session's HTTP client. */
export class FhirClient {
  constructor(private readonly http: HttpClient) {}

  read<T extends Resource>(type: T['resourceType'], id: string): Promise<T> {
    return this.http.json<T>(`${FHIR_BASE}/${type}/${encodeURIComponent(id)}`, { headers: { Accept: FHIR_JSON } });
  }

  async search<T extends Resource>(type: T['resourceType'], params: SearchParams = {}): Promise<SearchResult<T>> {
    const bundle = await this.http.json<Bundle>(`${FHIR_BASE}/${type}?${searchQuery(params)}`, { headers: { Accept: FHIR_JSON } });
    const matches: T[] = [];
    const included: Resource[] = [];
    for (const entry of bundle.entry ?? []) {
      if (!entry.resource) continue;
      if (entry.search?.mode === 'include') included.push(entry.resource);
      else matches.push(entry.resource as T);
    }
    return { matches, included, ...(bundle.total === undefined ? {} : { total: bundle.total }) };
  }

  create<T extends Resource>(resource: T): Promise<T> {
    return this.http.json<T>(`${FHIR_BASE}/${resource.resourceType}`, {
      method: 'POST',
      headers: { 'Content-Type': FHIR_JSON, Accept: FHIR_JSON },
      body: JSON.stringify(resource),
    });
  }

  /** Replaces a resource with the version given (a state change of a Task, for instance). */
  update<T extends Resource>(resource: T & { id: string }): Promise<T> {
    return this.http.json<T>(`${FHIR_BASE}/${resource.resourceType}/${encodeURIComponent(resource.id)}`, {
      method: 'PUT',
      headers: { 'Content-Type': FHIR_JSON, Accept: FHIR_JSON },
      body: JSON.stringify(resource),
    });
  }

  /** Several writes that stand or fall together (a referral's request and its Task). */
  transaction(bundle: Bundle): Promise<Bundle> {
    return this.http.json<Bundle>(FHIR_BASE, {
      method: 'POST',
      headers: { 'Content-Type': FHIR_JSON, Accept: FHIR_JSON },
      body: JSON.stringify(bundle),
    });
  }

  /** A FHIR operation invoked with POST: `path` such as `EpisodeOfCare/{id}/$reassign`, its input a Parameters resource. */
  operation<T extends Resource>(path: string, parameters: Parameters): Promise<T> {
    return this.http.json<T>(`${FHIR_BASE}/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': FHIR_JSON, Accept: FHIR_JSON },
      body: JSON.stringify(parameters),
    });
  }

  /** The stored Questionnaire worded in one language by the server's text packs (never invented here). */
  localizeQuestionnaire(id: string, language: string): Promise<Questionnaire> {
    return this.http.json<Questionnaire>(`${FHIR_BASE}/Questionnaire/${encodeURIComponent(id)}/$localize?${searchQuery({ lang: language })}`, {
      headers: { Accept: FHIR_JSON },
    });
  }

  /**
   * `Measure/{id}/$evaluate-measure`: the report for a period (and an organisation or site). `store` POSTs,
   * which also keeps the report on the server.
   */
  evaluateMeasure(id: string, params: SearchParams, options: { store?: boolean } = {}): Promise<MeasureReport> {
    return this.http.json<MeasureReport>(`${FHIR_BASE}/Measure/${encodeURIComponent(id)}/$evaluate-measure?${searchQuery(params)}`, {
      method: options.store ? 'POST' : 'GET',
      headers: { Accept: FHIR_JSON },
    });
  }

  /** The same table as CSV, as the server words it (a suppressed count is empty, marked in its own column). */
  async evaluateMeasureCsv(id: string, params: SearchParams): Promise<Blob> {
    const response = await this.http.send(`${FHIR_BASE}/Measure/${encodeURIComponent(id)}/$evaluate-measure?${searchQuery(params)}`, {
      headers: { Accept: 'text/csv' },
    });
    return response.blob();
  }
}
