import { startTestServer, type TestServer } from '../../../helpers/server.js';
import { REFERENCE_SECTIONS, REFERENCE_TITLE } from './referenceReport.js';
import { createStandardReport, unknownElement, writeSections } from './writeSections.js';

/** Words held by a node the schema does not know; every export must still print them. */
export const UNKNOWN_NODE_TEXT = '株洲市二中南洲学校　2025年3月';

/** A real server with a report holding the reference report's text, written by its departments. */
export async function startReferenceServer(): Promise<{ server: TestServer; reportId: string }> {
  const server = await startTestServer();
  const reportId = await createStandardReport(server, REFERENCE_TITLE, 2024);
  await writeSections(server, reportId, REFERENCE_SECTIONS, { improvements: unknownElement('signatureBlock', UNKNOWN_NODE_TEXT) });
  return { server, reportId };
}
