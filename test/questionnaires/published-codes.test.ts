import type { CodeSystem } from '@medplum/fhirtypes';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HIWA_FLAG_SYSTEM, HIWA_SCORES_SYSTEM, loadDefinition, SCORE_BAND_SYSTEM, scoreResponse, SUICIDE_RISK_CODE } from '../../questionnaires/index.js';
import { PHQ9_BAND_TABLE } from '../../questionnaires/scoring/phq9.js';
import { SDQ_VERSIONS } from '../../questionnaires/scoring/sdq-versions.js';
import { srq20BandTable } from '../../questionnaires/scoring/srq20.js';
import { respond } from './fixtures.js';

function publishedCodeSystem(id: string): CodeSystem {
  return JSON.parse(readFileSync(new URL(`../../fhir-profiles/CodeSystem-${id}.json`, import.meta.url), 'utf8')) as CodeSystem;
}
const displays = (codeSystem: CodeSystem) => new Map(codeSystem.concept?.map((concept) => [concept.code, concept.display]));

describe("the codes scoring writes are those of Hiwa's published CodeSystems", () => {
  it('score codes (hiwa-scores), with their displays', () => {
    const published = publishedCodeSystem('hiwa-scores');
    expect(published.url).toBe(HIWA_SCORES_SYSTEM);
    const sdq = loadDefinition('SDQ_P4_17');
    const srq20 = loadDefinition('SRQ20');
    const codes = [...scoreResponse(sdq, respond(sdq, {})).scores, ...scoreResponse(srq20, respond(srq20, {})).scores].map((score) => score.code);
    expect(codes.map((code) => [code.code, code.display])).toEqual(codes.map((code) => [code.code, displays(published).get(code.code)]));
  });

  it('band codes (score-band), with their displays', () => {
    const published = publishedCodeSystem('score-band');
    expect(published.url).toBe(SCORE_BAND_SYSTEM);
    const ranges = [
      ...PHQ9_BAND_TABLE.ranges,
      ...srq20BandTable(8).ranges,
      ...Object.values(SDQ_VERSIONS).flatMap((version) => version.bandTables.flatMap((table) => Object.values(table.rows).flat())),
    ];
    for (const range of ranges) expect(displays(published).get(range.code), range.code).toBe(range.display);
  });

  it('the suicide-risk Flag code (flag-code)', () => {
    const published = publishedCodeSystem('flag-code');
    expect(published.url).toBe(HIWA_FLAG_SYSTEM);
    expect(displays(published).get(SUICIDE_RISK_CODE.code)).toBe(SUICIDE_RISK_CODE.display);
  });
});
