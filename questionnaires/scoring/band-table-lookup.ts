import type { BandRange } from './bands.js';
import { PHQ9_BAND_TABLE, PHQ9_TOTAL_CODE } from './phq9.js';
import { SDQ_BAND_TABLES } from './sdq-band-tables.js';
import type { SdqScale } from './sdq-items.js';
import { SRQ20_TOTAL_CODE, srq20BandTable } from './srq20.js';

/** Where a score was banded, as its Observation records it: the table's id and, for SRQ-20, the cut-off in force. */
export interface RecordedBandTable {
  /** the score's code (LOINC 44261-6 or a hiwa-scores code such as `sdq-emotional`) */
  code: string;
  tableId: string;
  cutoff?: number;
}

/**
 * The bands of the table a score was read against, from the same tables the scorer used, so that a chart
 * draws the cut-offs the record was banded with and never a second copy of the numbers. In the table's own
 * order, from the best band to the worst (for the SDQ prosocial scale, the highest scores first).
 * Undefined when the table is unknown (e.g. a table retired since) or does not band this score.
 */
export function bandRangesOfRecordedTable({ code, tableId, cutoff }: RecordedBandTable): readonly BandRange[] | undefined {
  if (code === PHQ9_TOTAL_CODE.code && tableId === PHQ9_BAND_TABLE.ref.id) return PHQ9_BAND_TABLE.ranges;
  if (code === SRQ20_TOTAL_CODE.code) {
    // The SRQ-20 cut-off is the deployment's: the Observation carries the one it was banded with.
    if (cutoff === undefined) return undefined;
    const table = srq20BandTable(cutoff);
    return tableId === table.ref.id ? table.ranges : undefined;
  }
  if (!code.startsWith('sdq-')) return undefined;
  const scale = code.slice('sdq-'.length) as SdqScale;
  return SDQ_BAND_TABLES.find((table) => table.ref.id === tableId)?.rows[scale];
}
