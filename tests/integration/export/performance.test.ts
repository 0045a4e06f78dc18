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
  // The export reads storage: wait until every update the server applied is committed.
  await server.server.collab.commit.flush();
}, 120_000);
afterAll(async () => { await server?.close(); });

// How fast is measured by `npm run bench` (row 7), not asserted here.
test('a 100-page report exports to Word with all its text and to about a hundred PDF pages', async () => {
  const report = (await server.server.store.reports.get(reportId))!;
  const file = await exportReport(server.server.store, report, 'docx', CLEAN_EXPORT);
  const texts = paragraphs(part(docxParts(file.body), 'word/document.xml')).map((p) => p.text);
  expect(texts.join('').length).toBeGreaterThan(100 * 22 * 28);

  // The same report as PDF really is about a hundred GB/T 9704 pages.
  const pages = await pdfPages((await exportReport(server.server.store, report, 'pdf', CLEAN_EXPORT)).body);
  expect(pages.length).toBeGreaterThanOrEqual(95);
  expect(pages.length).toBeLessThanOrEqual(125);
}, 60_000);
