import * as Y from 'yjs';
import { DOCUMENT_FIELD } from '../../../shared/rooms.js';
import { STANDARD_SECTIONS } from '../../../shared/template.js';
import { connectSection, login, sleep, waitForSync } from '../../helpers/clients.js';
import type { TestServer } from '../../helpers/server.js';
import { fragmentText, storedSectionText } from './stored-section.js';

/** One printed page of a GB/T 9704 report: 22 lines of 28 characters. */
export const CHARS_PER_PAGE = 22 * 28;

const OWNER_BY_DEPARTMENT: Record<string, string> = {
  综合事务部: 'zonghe', 学生发展部: 'xuesheng', 教学教研部: 'jiaoxue', 后勤服务部: 'houqin',
};

const SENTENCE = '本年度学校严格执行预算管理制度，规范资金使用程序，确保各项经费专款专用，资金使用效益明显提高。';

function paragraph(chars: number): Y.XmlElement {
  const element = new Y.XmlElement('paragraph');
  const text = new Y.XmlText();
  text.insert(0, SENTENCE.repeat(Math.ceil(chars / SENTENCE.length)).slice(0, chars));
  element.insert(0, [text]);
  return element;
}

function heading(level: number, words: string): Y.XmlElement {
  const element = new Y.XmlElement('heading');
  element.setAttribute('level', level as unknown as string);
  const text = new Y.XmlText();
  text.insert(0, words);
  element.insert(0, [text]);
  return element;
}

/**
 * Creates a report with the standard sections and about `pages` printed pages of text, written
 * by each section's owner through an ordinary y-websocket client (as a browser would).
 */
export async function createSyntheticReport(server: TestServer, pages: number): Promise<{ id: string; chars: number }> {
  const [org] = await server.server.store.orgs.list();
  const report = await server.server.reports.create(org!.id, `2025年度部门整体支出绩效自评报告（约${pages}页）`, 2025, STANDARD_SECTIONS);
  const charsPerSection = Math.ceil((pages * CHARS_PER_PAGE) / STANDARD_SECTIONS.length);
  const tokens = new Map<string, string>();
  let chars = 0;

  for (const section of STANDARD_SECTIONS) {
    const username = OWNER_BY_DEPARTMENT[section.department]!;
    if (!tokens.has(username)) tokens.set(username, (await login(server.url, username)).token);
    const client = connectSection(server.collabUrl, tokens.get(username)!, report.id, section.key);
    await waitForSync(client.provider);
    const blocks: Y.XmlElement[] = [];
    let written = 0;
    for (let part = 1; written < charsPerSection; part++) {
      blocks.push(heading(3, `第${part}项工作情况`));
      for (let i = 0; i < 4 && written < charsPerSection; i++) {
        blocks.push(paragraph(280));
        written += 280;
      }
    }
    client.doc.getXmlFragment(DOCUMENT_FIELD).insert(0, blocks);
    chars += written;
    const expectedLength = fragmentText(client.doc.getXmlFragment(DOCUMENT_FIELD)).length;
    await waitUntilStored(server, tokens.get(username)!, report.id, section.key, expectedLength);
    client.destroy();
  }
  return { id: report.id, chars };
}

async function waitUntilStored(server: TestServer, token: string, reportId: string, sectionKey: string, length: number) {
  for (let attempt = 0; attempt < 50; attempt++) {
    if ((await storedSectionText(server.collabUrl, token, reportId, sectionKey)).length === length) return;
    await sleep(100);
  }
  throw new Error(`section ${sectionKey} was not stored in full`);
}
