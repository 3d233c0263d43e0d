import type { Measure } from '@medplum/fhirtypes';
import { evaluateMeasure } from '../../reports/evaluate-measure.js';
import { CSV, measureReportCsv } from '../../reports/measure-report-csv.js';
import { measureNameOf } from '../../reports/measures.js';
import { unprocessable, issue } from '../outcomes.js';
import type { Operation } from './operation.js';
import { parseEvaluateMeasure } from './evaluate-measure-parameters.js';

/**
 * `Measure/{id}/$evaluate-measure`: one of Hiwa's measures over a period, for the caller's reach or an
 * organisation or site within it, as a summary MeasureReport after IHE mADX, or the same table as CSV.
 * GET answers the report; POST also stores it (201), as a report of the caller's organisation, and what is
 * stored is always suppressed, whoever asked: a stored report is one to share.
 */
export function evaluateMeasureOperation(settings: { suppressionThreshold: number }): Operation {
  return {
    appliesTo: ['Measure'],
    producesCsv: true,
    definition: {
      resourceType: 'OperationDefinition',
      id: 'Measure-evaluate-measure',
      url: 'https://hiwa.health/fhir/OperationDefinition/Measure-evaluate-measure',
      name: 'EvaluateMeasure',
      status: 'active',
      kind: 'operation',
      code: 'evaluate-measure',
      base: 'http://hl7.org/fhir/OperationDefinition/Measure-evaluate-measure',
      system: false,
      type: false,
      instance: true,
      parameter: [
        { name: 'periodStart', use: 'in', min: 1, max: '1', type: 'date' },
        { name: 'periodEnd', use: 'in', min: 1, max: '1', type: 'date' },
        { name: 'subject', use: 'in', min: 0, max: '1', type: 'string', documentation: 'Organization/{id} or Location/{id}' },
        { name: 'reportType', use: 'in', min: 0, max: '1', type: 'code', documentation: 'summary (the only one)' },
        { name: 'return', use: 'out', min: 1, max: '1', type: 'MeasureReport' },
      ],
    },
    async handler(repo, req, target) {
      const input = parseEvaluateMeasure(req);
      const measure = (await repo.read('Measure', target.id as string)).resource as Measure;
      const name = measureNameOf(measure.url);
      if (name === undefined) {
        throw unprocessable([issue('not-supported', `Measure/${target.id} is not one of the measures Hiwa evaluates`, 'Measure.url')]);
      }
      const query = `Measure/${target.id}/$evaluate-measure?${new URLSearchParams(req.query).toString()}`;
      const request = { measure: name, canonical: `${measure.url}|${measure.version ?? ''}`.replace(/\|$/, ''), query, ...input };
      const store = req.method === 'POST';
      const report = await evaluateMeasure(repo, request, settings.suppressionThreshold, { alwaysSuppress: store });
      let status = 200;
      const headers: Record<string, string> = {};
      let answered = report;
      if (store) {
        answered = (await repo.asServer('stored measure report').create(report)).resource;
        status = 201;
        headers.Location = `${req.baseUrl}/MeasureReport/${answered.id as string}/_history/1`;
      }
      if (req.csv === true) {
        headers['Content-Disposition'] = `attachment; filename="${name}-${input.period.start}-${input.period.end}.csv"`;
        return { status, headers, body: measureReportCsv(answered), contentType: CSV };
      }
      return { status, headers, body: answered };
    },
  };
}
