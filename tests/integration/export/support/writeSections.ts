import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../../../shared/rooms.js';
import { STANDARD_SECTIONS } from '../../../../shared/template.js';
import { exportSchema } from '../../../../server/export/exportSchema.js';
import { connectSection, eventually, login, storedDoc, waitForSync } from '../../../helpers/clients.js';
import type { TestServer } from '../../../helpers/server.js';

/** Who writes each department's sections in the demo school. */
const OWNER_BY_DEPARTMENT: Record<string, string> = {
  综合事务部: 'zonghe', 学生发展部: 'xuesheng', 教学教研部: 'jiaoxue', 后勤服务部: 'houqin',
};

export type ExtraContent = (fragment: Y.XmlFragment) => void;

/**
 * Writes section documents as their owners would: through an ordinary y-websocket client, in
 * the TipTap shape the editor binding produces, and waits until the server has stored them.
 * `extra` lets a test append raw Yjs content the schema does not know.
 */
export async function writeSections(server: TestServer, reportId: string, docs: Record<string, JSONContent>,
  extra: Record<string, ExtraContent> = {}): Promise<void> {
  const sections = await server.server.store.reports.sections(reportId);
  const tokens = new Map<string, string>();
  for (const section of sections) {
    const doc = docs[section.key];
    if (!doc) continue;
    const username = OWNER_BY_DEPARTMENT[section.department]!;
    if (!tokens.has(username)) tokens.set(username, (await login(server.url, username)).token);
    const client = connectSection(server.collabUrl, tokens.get(username)!, reportId, section.key);
    try {
      await waitForSync(client.provider);
      const fragment = client.doc.getXmlFragment(DOCUMENT_FIELD);
      client.doc.transact(() => {
        prosemirrorJSONToYXmlFragment(exportSchema(), doc, fragment);
        extra[section.key]?.(fragment);
      });
      const written = JSON.stringify(yXmlFragmentToProsemirrorJSON(fragment));
      await eventually(
        async () => JSON.stringify(yXmlFragmentToProsemirrorJSON((await storedDoc(server.server.store.documents, reportId, section.key)).getXmlFragment(DOCUMENT_FIELD))),
        (stored) => stored === written,
      );
    } finally {
      client.destroy();
    }
  }
}

/** A new report of the demo school with the standard sections, empty. */
export async function createStandardReport(server: TestServer, title: string, year: number): Promise<string> {
  const [org] = await server.server.store.orgs.list();
  return (await server.server.reports.create(org!.id, title, year, STANDARD_SECTIONS)).id;
}

/** A raw element the schema has no node for, as an older or newer client might leave behind. */
export function unknownElement(nodeName: string, words: string): ExtraContent {
  return (fragment) => {
    const element = new Y.XmlElement(nodeName);
    const text = new Y.XmlText();
    text.insert(0, words);
    element.insert(0, [text]);
    fragment.insert(fragment.length, [element]);
  };
}
