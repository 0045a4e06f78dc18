import { readFileSync } from 'node:fs';

/** The school's real 2024 report, as shipped with the server for the demo (a copy of shared/fixtures/000_97e526535f8f5f0d.txt). */
export const REFERENCE_REPORT_URL = new URL('../../server/demo/2024-reference-report.txt', import.meta.url);

export function referenceReportBytes(): Uint8Array {
  return new Uint8Array(readFileSync(REFERENCE_REPORT_URL));
}
