import type { MeasureReport } from '@medplum/fhirtypes';
import { aggregateScope } from '../auth/policy.js';
import { isBeneficiaryService, SERVICE_TYPE_SYSTEM } from '../clinical/service-encounter.js';
import { getHiwaCodeSystem } from '../fhir/definitions.js';
import { badRequest, forbidden } from '../fhir/outcomes.js';
import type { Queryable } from '../store/database.js';
import {
  locationExists,
  readBeneficiaries,
  readCases,
  readPeopleServed,
  readNames,
  readOrganizations,
  readScores,
  readServices,
  readTasks,
  type FactScope,
} from '../store/report-facts.js';
import type { Repository } from '../store/repository.js';
import { readInOneSnapshot } from '../store/snapshot-reads.js';
import { activityIndicators } from './activity.js';
import { caseManagementIndicators } from './case-management.js';
import type { Indicator } from './indicator.js';
import { toMeasureReport } from './measure-report.js';
import type { MeasureName } from './measures.js';
import { OUTCOME_RULES, outcomeIndicators } from './outcome.js';
import type { ReportPeriod } from './report-facts.js';
import { suppressIndicators } from './suppress-indicators.js';

export interface EvaluationRequest {
  measure: MeasureName;
  /** `url|version` of the Measure */
  canonical: string;
  /** as asked: FHIR dates, both days included */
  period: { start: string; end: string };
  /** the same as instants, the end exclusive */
  range: ReportPeriod;
  subject?: { type: 'Organization' | 'Location'; id: string };
  /** the request as the client wrote it, for the audit trail */
  query: string;
}

/**
 * Evaluates one of Hiwa's measures for the caller: the facts are read in SQL within what the caller may
 * count (policy `aggregateScope`), the arithmetic is server/reports, and what leaves the organisation is
 * suppressed below `threshold`. One AuditEvent records the evaluation; it names no patient, since none is
 * read or returned.
 */
export async function evaluateMeasure(
  repo: Repository,
  request: EvaluationRequest,
  threshold: number,
  options: { alwaysSuppress?: boolean } = {},
): Promise<MeasureReport> {
  const scope = aggregateScope(repo.caller);
  if (scope.kind === 'none') throw forbidden('Your role may not evaluate measures (indicators are for supervisors, reporters and Directorates of Health)');
  const now = repo.now().toISOString();
  const { indicators, labels } = await repo.auditedAccess({ subtype: 'operation', action: 'E', query: request.query }, async (db) => {
    const organizations = await readOrganizations(db);
    // a subject nobody knows would be answered with zeros, as if the site or organisation had done nothing
    const { subject } = request;
    if (subject !== undefined && !(subject.type === 'Organization' ? organizations.some((o) => o.id === subject.id) : await locationExists(db, subject.id))) {
      throw badRequest(`subject ${subject.type}/${subject.id} names no ${subject.type} that Hiwa knows`, 'subject');
    }
    const fs: FactScope = { scope, ...countedOrganizations(scope, organizations, request.subject), ...(request.subject?.type === 'Location' ? { serviceSite: request.subject.id } : {}) };
    if (scope.kind === 'sites' && fs.serviceSite !== undefined && !scope.siteIds.includes(fs.serviceSite)) {
      throw forbidden(`Location/${fs.serviceSite} is not one of your sites`);
    }
    const partners = new Set(organizations.filter((o) => o.partOf !== undefined).map((o) => o.id));
    const asOf = request.range.end < now ? request.range.end : now;
    const evaluated = await indicatorsOf(db, request.measure, request.range, fs, partners, asOf);
    return { indicators: evaluated, labels: await strataLabels(db, evaluated) };
  });
  const published = scope.suppressed || options.alwaysSuppress === true ? suppressIndicators(indicators, threshold) : indicators;
  const reporter = repo.caller.kind === 'internal' ? undefined : repo.caller.organizationId;
  return toMeasureReport(
    {
      measure: request.canonical,
      period: request.period,
      date: now,
      ...(reporter === undefined ? {} : { reporter: { reference: `Organization/${reporter}` } }),
      ...(request.subject === undefined ? {} : { subject: { reference: `${request.subject.type}/${request.subject.id}` } }),
    },
    published,
    labels,
  );
}

/**
 * The organisations counted: a reporter's programme is their organisation and its implementing partners;
 * a supervisor's, their organisation (at their sites); a Directorate's, every one. An organisation asked
 * for must be among them.
 */
function countedOrganizations(
  scope: FactScope['scope'],
  organizations: { id: string; partOf?: string }[],
  subject: EvaluationRequest['subject'],
): Pick<FactScope, 'organizations'> {
  const reach =
    scope.kind === 'all'
      ? undefined
      : scope.kind === 'programme'
        ? [scope.organizationId, ...organizations.filter((o) => o.partOf === scope.organizationId).map((o) => o.id)]
        : [scope.organizationId];
  if (subject?.type !== 'Organization') return reach === undefined ? {} : { organizations: reach };
  if (reach !== undefined && !reach.includes(subject.id)) throw forbidden(`Organization/${subject.id} is not one you may report on`);
  return { organizations: [subject.id] };
}

const beneficiaryServiceCodes = (): string[] =>
  (getHiwaCodeSystem(SERVICE_TYPE_SYSTEM)?.concept ?? []).map((c) => c.code).filter((code) => isBeneficiaryService(code));

async function indicatorsOf(db: Queryable, measure: MeasureName, period: ReportPeriod, fs: FactScope, partners: Set<string>, asOf: string): Promise<Indicator[]> {
  switch (measure) {
    case 'activity': {
      // two connections of the pool at once, in one snapshot (one after the other on the embedded database)
      const [services, { servedBefore, beneficiaries }] = await readInOneSnapshot(db, 2, ([a, b]) =>
        Promise.all([readServices(a, period, fs), readPeopleServed(b, period, fs, beneficiaryServiceCodes())]),
      );
      return activityIndicators({ period, services, servedBefore, beneficiaries, partnerOrganizations: partners });
    }
    case 'outcome': {
      const scores = await readScores(db, period.end, OUTCOME_RULES.map((r) => ({ system: r.system, code: r.code })), fs);
      return outcomeIndicators(period, scores, await readBeneficiaries(db, [...new Set(scores.map((s) => s.patientId))]));
    }
    case 'case-management': {
      const cases = await readCases(db, fs);
      const { referrals, dueTasks } = await readTasks(db, fs);
      return caseManagementIndicators({ period, cases, referrals, dueTasks, asOf });
    }
  }
}

/** Names of the sites and care managers that strata are keyed by. */
async function strataLabels(db: Queryable, indicators: Indicator[]): Promise<Map<string, string>> {
  const valuesOf = (codes: string[]) => [
    ...new Set(indicators.flatMap((i) => i.stratifiers.filter((s) => codes.includes(s.code)).flatMap((s) => s.strata.map((st) => st.value)))),
  ];
  return readNames(db, [
    { type: 'Location', ids: valuesOf(['service-site', 'registration-site']) },
    { type: 'Practitioner', ids: valuesOf(['care-manager']) },
  ]);
}
