import type { ExportResult } from './export-job.js';

/** The completion manifest of the Bulk Data IG (export.html#response---complete-status). */
export interface ExportManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: { type: string; url: string; count: number }[];
  error: { type: string; url: string }[];
}

/** The manifest of a finished export; `filesBase` is the URL its files are served under. */
export function exportManifest(result: ExportResult, filesBase: string): ExportManifest {
  return {
    transactionTime: result.transactionTime,
    request: result.requestUrl,
    // The files are served only to the account or client that asked, with its access token.
    requiresAccessToken: true,
    output: result.output.map((o) => ({ type: o.type, url: `${filesBase}/${o.file}`, count: o.count })),
    // Nothing is left out silently: a failure fails the whole export, so there are no error files.
    error: [],
  };
}
