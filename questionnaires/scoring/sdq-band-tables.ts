import { bandRanges, type BandName, type BandRange } from './bands.js';
import type { SdqScale } from './sdq-items.js';
import type { BandTableRef } from './types.js';

/** One norm table of the SDQ: the bands it gives each scale it covers (externalising/internalising have none). */
export interface SdqBandTable {
  ref: BandTableRef;
  rows: Partial<Record<SdqScale, readonly BandRange[]>>;
}

type BandedScale = 'total' | 'emotional' | 'conduct' | 'hyperactivity' | 'peer' | 'prosocial' | 'impact';

const THREE_BANDS: readonly BandName[] = [
  { code: 'normal', display: 'Normal' },
  { code: 'borderline', display: 'Borderline' },
  { code: 'abnormal', display: 'Abnormal' },
];
const FOUR_BANDS_DIFFICULTY: readonly BandName[] = [
  { code: 'close-to-average', display: 'Close to average' },
  { code: 'slightly-raised', display: 'Slightly raised' },
  { code: 'high', display: 'High' },
  { code: 'very-high', display: 'Very high' },
];
// Prosocial is a strength: its four bands name how far it is lowered.
const FOUR_BANDS_PROSOCIAL: readonly BandName[] = [
  { code: 'close-to-average', display: 'Close to average' },
  { code: 'slightly-lowered', display: 'Slightly lowered' },
  { code: 'low', display: 'Low' },
  { code: 'very-low', display: 'Very low' },
];

function threeBandTable(ref: BandTableRef, rows: Partial<Record<BandedScale, string>>): SdqBandTable {
  return { ref, rows: mapRows(rows, () => THREE_BANDS) };
}

function fourBandTable(ref: BandTableRef, rows: Record<BandedScale, string>): SdqBandTable {
  return { ref, rows: mapRows(rows, (scale) => (scale === 'prosocial' ? FOUR_BANDS_PROSOCIAL : FOUR_BANDS_DIFFICULTY)) };
}

function mapRows(rows: Partial<Record<BandedScale, string>>, namesFor: (scale: BandedScale) => readonly BandName[]): SdqBandTable['rows'] {
  const entries = (Object.entries(rows) as [BandedScale, string][]).map(([scale, row]) => [scale, bandRanges(row, namesFor(scale))] as const);
  return Object.fromEntries(entries);
}

// The rows below are the reference tables (UK norms) transcribed cell by cell.

export const SDQ_PARENT_THREE_BAND = threeBandTable(
  { id: 'sdq-uk-parent-three-band', title: 'SDQ UK norms, parent report, three bands', provisional: false },
  {
    total: '0–13 / 14–16 / 17–40',
    emotional: '0–3 / 4 / 5–10',
    conduct: '0–2 / 3 / 4–10',
    hyperactivity: '0–5 / 6 / 7–10',
    peer: '0–2 / 3 / 4–10',
    prosocial: '6–10 / 5 / 0–4',
    impact: '0 / 1 / 2–10',
  },
);

export const SDQ_TEACHER_THREE_BAND = threeBandTable(
  { id: 'sdq-uk-teacher-three-band', title: 'SDQ UK norms, teacher report, three bands', provisional: false },
  {
    total: '0–11 / 12–15 / 16–40',
    emotional: '0–4 / 5 / 6–10',
    conduct: '0–2 / 3 / 4–10',
    hyperactivity: '0–5 / 6 / 7–10',
    peer: '0–3 / 4 / 5–10',
    prosocial: '6–10 / 5 / 0–4',
    impact: '0 / 1 / 2–6',
  },
);

export const SDQ_SELF_THREE_BAND = threeBandTable(
  { id: 'sdq-uk-self-three-band', title: 'SDQ UK norms, self-report, three bands', provisional: false },
  {
    total: '0–15 / 16–19 / 20–40',
    emotional: '0–5 / 6 / 7–10',
    conduct: '0–3 / 4 / 5–10',
    hyperactivity: '0–5 / 6 / 7–10',
    peer: '0–3 / 4–5 / 6–10',
    prosocial: '6–10 / 5 / 0–4',
    impact: '0 / 1 / 2–10',
  },
);

export const SDQ_PARENT_FOUR_BAND = fourBandTable(
  { id: 'sdq-uk-parent-four-band', title: 'SDQ UK norms, parent report, four bands', provisional: false },
  {
    total: '0–13 / 14–16 / 17–19 / 20–40',
    emotional: '0–3 / 4 / 5–6 / 7–10',
    conduct: '0–2 / 3 / 4–5 / 6–10',
    hyperactivity: '0–5 / 6–7 / 8 / 9–10',
    peer: '0–2 / 3 / 4 / 5–10',
    prosocial: '8–10 / 7 / 6 / 0–5',
    impact: '0 / 1 / 2 / 3–10',
  },
);

export const SDQ_TEACHER_FOUR_BAND = fourBandTable(
  { id: 'sdq-uk-teacher-four-band', title: 'SDQ UK norms, teacher report, four bands', provisional: false },
  {
    total: '0–11 / 12–15 / 16–18 / 19–40',
    emotional: '0–3 / 4 / 5 / 6–10',
    conduct: '0–2 / 3 / 4 / 5–10',
    hyperactivity: '0–5 / 6–7 / 8 / 9–10',
    peer: '0–2 / 3–4 / 5 / 6–10',
    prosocial: '6–10 / 5 / 4 / 0–3',
    impact: '0 / 1 / 2 / 3–6',
  },
);

export const SDQ_SELF_FOUR_BAND = fourBandTable(
  { id: 'sdq-uk-self-four-band', title: 'SDQ UK norms, self-report, four bands', provisional: false },
  {
    total: '0–14 / 15–17 / 18–19 / 20–40',
    emotional: '0–4 / 5 / 6 / 7–10',
    conduct: '0–3 / 4 / 5 / 6–10',
    hyperactivity: '0–5 / 6 / 7 / 8–10',
    peer: '0–2 / 3 / 4 / 5–10',
    prosocial: '7–10 / 6 / 5 / 0–4',
    impact: '0 / 1 / 2 / 3–10',
  },
);

/** Provisional: the reference asks for local verification. It has no four-band table and no impact row. */
export const SDQ_PARENT_2_4_THREE_BAND = threeBandTable(
  { id: 'sdq-parent-2-4-three-band-provisional', title: 'SDQ parent report 2–4 years, provisional three bands', provisional: true },
  {
    total: '0–12 / 13–15 / 16–40',
    emotional: '0–2 / 3 / 4–10',
    conduct: '0–3 / 4 / 5–10',
    hyperactivity: '0–5 / 6 / 7–10',
    peer: '0–2 / 3 / 4–10',
    prosocial: '7–10 / 6 / 0–5',
  },
);

/** Every SDQ band table, for finding the one a stored score names by its id. */
export const SDQ_BAND_TABLES: readonly SdqBandTable[] = [
  SDQ_PARENT_THREE_BAND,
  SDQ_PARENT_FOUR_BAND,
  SDQ_TEACHER_THREE_BAND,
  SDQ_TEACHER_FOUR_BAND,
  SDQ_SELF_THREE_BAND,
  SDQ_SELF_FOUR_BAND,
  SDQ_PARENT_2_4_THREE_BAND,
];
