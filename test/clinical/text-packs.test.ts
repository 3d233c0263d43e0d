import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { findTextPack, TEXT_PACK_NOTICE_LINK_ID } from '../../questionnaires/index.js';
import { loadTextPacks } from '../../server/clinical/installed-text-packs.js';
import { useTestServer } from '../support/suite.js';
import { capturingLogger } from './fixtures.js';

/** Stand-in wording: licensed SDQ wording never goes into this repository, not even in tests. */
const sdqPack = {
  questionnaire: 'SDQ_P4_17',
  language: 'ar',
  reviewStatus: 'authorised translation',
  source: 'test',
  licence: 'test authorisation',
  title: 'SDQ (ar, installed)',
  items: {
    'sdq-01-consid': { text: 'wording of item 1', answerOptions: { 'not-true': 'option 0', 'somewhat-true': 'option 1', 'certainly-true': 'option 2' } },
  },
};

/** The organisation's packs: written before the suite's server starts, which reads them once. */
const packsDir = mkdtempSync(path.join(tmpdir(), 'hiwa-packs-'));

/** Writes `<packsDir>/<lang>/<name>.json` with the given content (a string is written as it is). */
function install(language: string, name: string, content: unknown): string {
  mkdirSync(path.join(packsDir, language), { recursive: true });
  const file = path.join(packsDir, language, `${name}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

install('ar', 'SDQ_P4_17', sdqPack);
install('en', 'SRQ20', { questionnaire: 'SRQ20', language: 'en', reviewStatus: 'validated by the organisation', title: 'SRQ-20 (organisation wording)', items: {} });
const refused = [
  install('ckb', 'PHQ9', { questionnaire: 'PHQ9', language: 'ckb', items: [] }), // no reviewStatus; items not a record
  install('ar', 'SDQ_T4_17', { ...sdqPack, questionnaire: 'SDQ_T4_17', items: { 'sdq-99-unknown': { text: 'x' } } }),
  install('kmr', 'SDQ_S11_17', { ...sdqPack, questionnaire: 'SDQ_S11_17' }), // says "ar" inside the kmr folder
  install('ar', 'CONSENT', '{ not json'),
];

const { fhir } = useTestServer({ env: { TEXT_PACKS_DIR: packsDir } });
afterAll(() => rmSync(packsDir, { recursive: true, force: true }));

describe('installed text packs', () => {
  it('are checked at start: a bad pack is refused whole, with an error line naming its file, and the rest load', () => {
    const lines: Record<string, unknown>[] = [];
    const packs = loadTextPacks(packsDir, capturingLogger(lines));
    const errors = lines.filter((line) => line.level === 50);
    expect(errors.map((line) => line.file).sort()).toEqual([...refused].sort());
    for (const line of errors) expect(line.msg).toContain(String(line.file));
    expect(errors.find((line) => String(line.file).endsWith('PHQ9.json'))?.problem).toContain('reviewStatus');
    expect(findTextPack(packs, 'SDQ_T4_17', 'ar')).toBeUndefined();
    expect(findTextPack(packs, 'SDQ_P4_17', 'ar')?.title).toBe('SDQ (ar, installed)');
    // The shipped Arabic consent form stays in use: the broken file did not replace it.
    expect(findTextPack(packs, 'CONSENT', 'ar')?.reviewStatus).toContain('machine-draft');
  });

  it('load nothing, and do not fail, when the folder does not exist', () => {
    const packs = loadTextPacks(path.join(packsDir, 'missing'), pino({ level: 'silent' }));
    expect(findTextPack(packs, 'PHQ9', 'en')).toBeDefined();
  });
});

describe('GET Questionnaire/{id}/$localize?lang=', () => {
  it('words the form from an installed pack, numbering the items it lacks and saying so', async () => {
    const res = await fhir('GET', 'Questionnaire/sdq-p4-17-1.0.0/$localize?lang=ar');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-language')).toBe('ar');
    expect(res.body).toMatchObject({ resourceType: 'Questionnaire', language: 'ar', title: 'SDQ (ar, installed)' });
    const [notice, first, second] = res.body.item;
    expect(notice).toMatchObject({ linkId: TEXT_PACK_NOTICE_LINK_ID, type: 'display' });
    expect(notice.text).toContain('incomplete');
    expect(first.text).toBe('wording of item 1');
    expect(first.answerOption[2].valueCoding).toMatchObject({ code: 'certainly-true', display: 'option 2' });
    expect(second.text).toBe('SDQ item 2');
  });

  it('shows item numbers and a notice, never made-up wording, when no pack exists', async () => {
    const res = await fhir('GET', 'Questionnaire/sdq-t4-17-1.0.0/$localize?lang=ar');
    expect(res.status).toBe(200);
    expect(res.body.item[0]).toMatchObject({ linkId: TEXT_PACK_NOTICE_LINK_ID, type: 'display' });
    expect(res.body.item[0].text).toContain('not installed');
    expect(res.body.item[1].text).toBe('SDQ item 1');
  });

  it('keeps the shipped English of PHQ-9 when no validated translation is installed, and says so', async () => {
    const res = await fhir('GET', 'Questionnaire/phq9-1.0.0/$localize?lang=ckb');
    expect(res.body.item[0].text).toContain('No ckb wording');
    expect(res.body.item.find((item: { linkId: string }) => item.linkId === 'phq9-9').text).toContain('better off dead');
  });

  it("uses Hiwa's shipped drafts for its own forms, and an installed pack over a shipped one", async () => {
    const caseManagement = await fhir('GET', 'Questionnaire/case-management-1.0.0/$localize?lang=ar');
    expect(caseManagement.body.language).toBe('ar');
    expect(caseManagement.body.item[0].linkId).not.toBe(TEXT_PACK_NOTICE_LINK_ID);
    const srq20 = await fhir('POST', 'Questionnaire/srq20-1.0.0/$localize', { resourceType: 'Parameters', parameter: [{ name: 'lang', valueCode: 'en' }] });
    expect(srq20.body.title).toBe('SRQ-20 (organisation wording)');
  });

  it('needs a language tag', async () => {
    const res = await fhir('GET', 'Questionnaire/phq9-1.0.0/$localize');
    expect(res.status).toBe(400);
    expect(res.body.issue[0].expression).toEqual(['lang']);
    expect((await fhir('GET', 'Questionnaire/phq9-1.0.0/$localize?lang=not%20a%20tag')).status).toBe(400);
  });
});
