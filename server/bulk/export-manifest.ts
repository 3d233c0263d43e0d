import type { WrittenFile } from './export-files.js';
import type { ExportResult } from './export-job.js';

/** The completion manifest of the Bulk Data IG (export.html#response---complete-status). */
export interface ExportManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: { type: string; url: string; count: number }[];
  error: { type: string; url: string; count: number }[];
}

/** The manifest of a finished export; `filesBase` is the URL its files are served under. */
export function exportManifest(result: ExportResult, filesBase: string): ExportManifest {
  const file = (o: WrittenFile) => ({ type: o.type, url: `${filesBase}/${o.file}`, count: o.count });
  return {
    transactionTime: result.transactionTime,
    request: result.requestUrl,
    // The files are served only to the account or client that asked, with its access token.
    requiresAccessToken: true,
    output: result.output.map(file),
    // A failure fails the whole export; what is in error files is what lenient handling left out.
    error: (result.errors ?? []).map(file),
  };
}
