import { afterAll, beforeAll, expect, test } from 'vitest';
import { exportReport } from '../../../server/export/exportReport.js';
import { CLEAN_EXPORT } from '../../../server/export/model.js';
import { createSyntheticReport } from '../../e2e/support/synthetic-report.js';
import { startTestServer, type TestServer } from '../../helpers/server.js';
import { docxParts, paragraphs, part } from './support/docxParts.js';
import { pdfPages } from './support/pdfText.js';

let server: TestServer;
let reportId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ id: reportId } = await createSyntheticReport(server, 100));
}, 120_000);
afterAll(async () => { await server?.close(); });

test('a 100-page report exports to Word in well under two seconds', async () => {
  const report = (await server.server.store.reports.get(reportId))!;
  await exportReport(server.server.store, report, 'docx', CLEAN_EXPORT); // warm: schema and modules
  const started = performance.now();
  const file = await exportReport(server.server.store, report, 'docx', CLEAN_EXPORT);
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(2000);
  const texts = paragraphs(part(docxParts(file.body), 'word/document.xml')).map((p) => p.text);
  expect(texts.join('').length).toBeGreaterThan(100 * 22 * 28);

  // The same report as PDF really is about a hundred GB/T 9704 pages.
  const pages = await pdfPages((await exportReport(server.server.store, report, 'pdf', CLEAN_EXPORT)).body);
  expect(pages.length).toBeGreaterThanOrEqual(95);
  expect(pages.length).toBeLessThanOrEqual(125);
}, 60_000);
