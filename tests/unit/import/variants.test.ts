import { readFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { expect, test } from 'vitest';
import { importReport } from '../../../server/import/index.js';
import { blocksOf, expectNothingLost, expectValidContent, headingsOf, textOf } from './importedText.js';
import { REFERENCE_REPORT_URL } from '../../helpers/referenceReport.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url)));
const REFERENCE = new Uint8Array(readFileSync(REFERENCE_REPORT_URL));
const referenceText = new TextDecoder().decode(REFERENCE);
const reference = importReport(REFERENCE, 'reference.txt');

function sameSections(a: ReturnType<typeof importReport>, b: ReturnType<typeof importReport>) {
  expect(a.sections).toEqual(b.sections);
  expect(a.title).toBe(b.title);
}

test('UTF-8 with BOM and CRLF line ends import like the original', () => {
  const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(referenceText.replace(/\n/g, '\r\n'))]);
  const result = importReport(withBom, 'bom.txt');
  sameSections(result, reference);
  expect(result.normalisations).toEqual(reference.normalisations);
});

test('GB18030 (GBK) text is decoded and the conversion reported', () => {
  const result = importReport(fixture('reference-gb18030.txt'), 'gbk.txt');
  sameSections(result, reference);
  expect(result.normalisations[0]).toBe('文件为 GB18030（GBK）编码，已转换');
});

test('UTF-16 with BOM is decoded', () => {
  const units = [0xfeff, ...Array.from(referenceText, (c) => c.charCodeAt(0))];
  const bytes = new Uint8Array(new Uint16Array(units).buffer);
  sameSections(importReport(bytes, 'utf16.txt'), reference);
});

function docx(paragraphs: string[]): Uint8Array {
  const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const body = paragraphs.map((p, i) => (i === 1
    // Split a paragraph into several runs, with a tracked deletion that must not appear.
    ? `<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>${escape(p.slice(0, 4))}</w:t></w:r><w:del><w:r><w:delText>删掉的字</w:delText></w:r></w:del><w:r><w:t xml:space="preserve">${escape(p.slice(4))}</w:t></w:r></w:p>`
    : `<w:p><w:r><w:t>${escape(p)}</w:t></w:r></w:p>`)).join('');
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:p/><w:sectPr/></w:body></w:document>`;
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8(xml) });
}

test('.docx: paragraphs in order, runs joined, deleted text left out', () => {
  const result = importReport(docx(referenceText.split('\n')), '自评报告.docx');
  sameSections(result, reference);
  expect(result.amounts).toEqual(reference.amounts);
  expect(JSON.stringify(result)).not.toContain('删掉的字');
});

test('parts without 一、 numbers are recognised by their wording', () => {
  const bytes = fixture('no-part-numbers.txt');
  const result = importReport(bytes, 'x.txt');
  expect(result.sections.map((s) => s.key)).toEqual([
    'basic-info', 'general-budget', 'fund-budget', 'state-capital-budget', 'social-insurance-budget', 'performance', 'problems', 'improvements',
  ]);
  expect(result.sections[0]!.title).toBe('部门（单位）基本情况');
  expect(result.year).toBe(2023);
  expect(result.attachmentLabel).toBeNull();
  expect(result.normalisations).toContain('8 个部分标题缺少「一、」式编号（如「部门(单位)基本情况」），已按顺序编号');
  expect(result.normalisations).toContain('1 个标题中的半角标点（如「部门(单位)基本情况」）已改为全角');
  expect(result.normalisations).toContain('已删除数字与文字之间的 8 处多余空格（如「职工 120 人」）');
  expect(headingsOf(result, 'problems')).toEqual([[3, '问题']]);
  expect(result.amounts.map((a) => [a.value, a.unit])).toEqual([['1234.50', '万元'], ['1200.00', '万元'], ['80', '万元'], ['76.5', '万元']]);
  expect(textOf(blocksOf(result, 'basic-info')[0]!)).toBe('我校共有教职工120人，学生2300人。');
  expectValidContent(result);
  expectNothingLost(new TextDecoder().decode(bytes), result);
});

test('missing brackets, 1、 vs 1., headings ending in 。, extra parts, stray spaces', () => {
  const bytes = fixture('quirks.txt');
  const result = importReport(bytes, 'x.txt');
  expect(result.attachmentLabel).toBe('附件4');
  expect(result.title).toBe('2024年度某某市实验小学部门整体支出绩效自评报告');
  expect(result.sections.map((s) => [s.key, s.department])).toEqual([
    ['basic-info', '综合事务部'], ['general-budget', '后勤服务部'], ['fund-budget', '后勤服务部'],
    ['state-capital-budget', '后勤服务部'], ['social-insurance-budget', '后勤服务部'], ['performance', '教学教研部'],
    ['problems', '学生发展部'], ['improvements', '综合事务部'], ['result-use', '综合事务部'], ['other-notes', '综合事务部'],
  ]);
  expect(result.sections[0]!.title).toBe('部门（单位）基本情况');
  expect(headingsOf(result, 'basic-info')).toEqual([[3, '学校概况'], [3, '主要职能']]);
  expect(headingsOf(result, 'general-budget')).toEqual([[3, '基本支出情况'], [3, '项目支出情况']]);
  expect(headingsOf(result, 'performance')).toEqual([[3, '整体支出绩效情况'], [4, '产出情况'], [5, '数量指标'], [5, '质量指标']]);
  const [list] = blocksOf(result, 'improvements');
  expect(list!.type).toBe('orderedList');
  expect(list!.content!.map(textOf)).toEqual(['细化预算编制；', '加强执行监控；', '完善绩效评价。']);
  expect(result.normalisations).toEqual([
    '已删除数字与文字之间的 10 处多余空格（如「教师 31 人」）',
    '开头的「附件 ４」已记为附件编号：导出时首行写「附件4」（可在导出菜单中更改）',
    '标题分 2 行书写，已合并为一行',
    '1 个部分标题的编号写法不规范（如「一.」），已统一为「一、」式',
    '「1、学校概况」缺少上一级小标题（位于第一部分），已按「（一）」级小标题处理',
    '「2、主要职能」缺少上一级小标题（位于第一部分），已按「（一）」级小标题处理',
    '「一) 基本支出情况」缺少左括号，已按「（一）」处理',
    '「二) 项目支出情况」缺少左括号，已按「（二）」处理',
    '1 个标题末尾的标点（如「整体支出绩效情况。」）已删除',
    '3 处「1、」式编号（如「1、细化预算编制；」）已统一为「1.」式',
    '1 处列表编号不连续（如「4、完善绩效评价。」），已按顺序重新编号',
  ]);
  expect(result.amounts.map((a) => `${a.value}${a.unit}`)).toEqual(['320.5万元', '320.5万元', '12000元', '11500元']);
  expectValidContent(result);
  expectNothingLost(new TextDecoder().decode(bytes), result);
});

test('text before the first part is kept in the first part', () => {
  const text = referenceText.replace('一、部门（单位）基本情况', '为全面反映我校预算执行情况，特编制本报告。\n一、部门（单位）基本情况');
  const result = importReport(new TextEncoder().encode(text), 'x.txt');
  expect(textOf(blocksOf(result, 'basic-info')[0]!)).toBe('为全面反映我校预算执行情况，特编制本报告。');
  expect(result.normalisations).toContain('标题与第一部分之间的 1 段文字已并入第一部分');
  // The moved paragraph now follows the first heading; everything else keeps its order.
  expectNothingLost(referenceText.replace('一、部门（单位）基本情况', '一、部门（单位）基本情况\n为全面反映我校预算执行情况，特编制本报告。'), result);
});

test('numbered lists inside a part are not mistaken for parts', () => {
  const text = referenceText.replace('1.加强预算编制', '一、强化预算管理；\n二、完善制度。\n1.加强预算编制');
  const result = importReport(new TextEncoder().encode(text), 'x.txt');
  expect(result.sections).toHaveLength(8);
  expect(blocksOf(result, 'improvements').slice(0, 2).map(textOf)).toEqual(['一、强化预算管理；', '二、完善制度。']);
  expectNothingLost(text, result);
});

test('a report without a title line takes its title from the file name', () => {
  const text = referenceText.split('\n').slice(3).join('\n');
  const result = importReport(new TextEncoder().encode(text), '2024年度自评报告.txt');
  expect(result.title).toBe('2024年度自评报告');
  expect(result.year).toBe(2024);
  expect(result.attachmentLabel).toBeNull();
  expect(result.sections[0]!.key).toBe('basic-info');
});

test('an attachment number in Chinese numerals is kept as GB/T 9704 writes it, in Arabic digits', () => {
  const text = referenceText.replace(/^附件4/, '附件十二：');
  const result = importReport(new TextEncoder().encode(text), 'attachment.txt');
  expect(result.attachmentLabel).toBe('附件12');
  expect(result.normalisations[0]).toBe('开头的「附件十二：」已记为附件编号：导出时首行写「附件12」（可在导出菜单中更改）');
  expect(result.title).toBe(reference.title);
});
