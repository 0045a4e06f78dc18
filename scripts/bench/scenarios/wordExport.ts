import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { DOCUMENT_FIELD, sectionRoomName } from '../../../shared/rooms.js';
import { STANDARD_SECTIONS } from '../../../shared/template.js';
import { exportReport } from '../../../server/export/exportReport.js';
import { CLEAN_EXPORT } from '../../../server/export/model.js';
import { SqliteStore } from '../../../server/storage/SqliteStore.js';
import { figure } from '../scenario.js';
import type { TableRow } from '../table.js';

/** One printed page of a GB/T 9704 report: 22 lines of 28 characters. */
const CHARS_PER_PAGE = 22 * 28;
const PAGES = 100;
const RUNS = 5;
const SENTENCE = '本年度学校严格执行预算管理制度，规范资金使用程序，确保各项经费专款专用，资金使用效益明显提高。';

/** A report of about 100 printed pages, written straight into a fresh store's section documents. */
async function hundredPageReport(store: SqliteStore) {
  await store.orgs.create({ id: 'bench-org', name: '基准测试学校' }, ['综合事务部', '学生发展部', '教学教研部', '后勤服务部']);
  const report = { id: 'bench-export', orgId: 'bench-org', title: '2025年度部门整体支出绩效自评报告', year: 2025, finalized: false, attachmentLabel: null };
  await store.reports.create(report, STANDARD_SECTIONS.map((s, position) => ({ ...s, reportId: report.id, position, status: 'draft' as const })));
  const perSection = Math.ceil((PAGES * CHARS_PER_PAGE) / STANDARD_SECTIONS.length);
  for (const section of STANDARD_SECTIONS) {
    const doc = new Y.Doc();
    const blocks: Y.XmlElement[] = [];
    for (let written = 0, part = 1; written < perSection; part++) {
      const heading = new Y.XmlElement('heading');
      heading.setAttribute('level', 3 as unknown as string);
      heading.insert(0, [new Y.XmlText(`第${part}项工作情况`)]);
      blocks.push(heading);
      for (let i = 0; i < 4 && written < perSection; i++, written += 280) {
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText(SENTENCE.repeat(8).slice(0, 280))]);
        blocks.push(paragraph);
      }
    }
    doc.getXmlFragment(DOCUMENT_FIELD).insert(0, blocks);
    await store.documents.append([{ docName: sectionRoomName({ reportId: report.id, sectionKey: section.key }), update: Y.encodeStateAsUpdate(doc) }]);
  }
  return report;
}

/** 7. Word export of a 100-page report, from the stored documents, as the export route does it. */
export async function wordExportRow(): Promise<TableRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongxie-bench-export-'));
  const store = SqliteStore.inDataDir(dir);
  try {
    const report = await hundredPageReport(store);
    const times: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      bytes = (await exportReport(store, report, 'docx', CLEAN_EXPORT)).body.length;
      times.push(performance.now() - start);
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    return {
      scenario: '7',
      spec: { label: 'Word export of a 100-page report (median of 5)', metric: 'export', target: { kind: 'below', limit: 2000, unit: 'ms' } },
      project: figure(median, `${median.toFixed(0)} ms (runs ${times.map((t) => t.toFixed(0)).join(', ')} ms; ${(bytes / 1024).toFixed(0)} KB)`),
      reference: figure(null, '—'),
    };
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
