import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { importReport } from '../../../server/import/index.js';
import { STANDARD_SECTIONS } from '../../../shared/template.js';
import { blocksOf, expectNothingLost, expectValidContent, headingsOf, textOf } from './importedText.js';
import { REFERENCE_REPORT_URL } from '../../helpers/referenceReport.js';

const FIXTURE = REFERENCE_REPORT_URL;
const bytes = new Uint8Array(readFileSync(FIXTURE));
const source = new TextDecoder().decode(bytes);
const result = importReport(bytes, '000_97e526535f8f5f0d.txt');

test('the reference report: preamble, year, attachment label, title joined from two lines', () => {
  expect(result.attachmentLabel).toBe('附件4');
  expect(result.title).toBe('2024年度株洲市二中南洲学校部门整体支出绩效自评报告');
  expect(result.year).toBe(2024);
});

test('the reference report: its eight parts map to the standard sections and their owners', () => {
  expect(result.sections.map((s) => [s.key, s.title, s.department])).toEqual([
    ['basic-info', '部门（单位）基本情况', '综合事务部'],
    ['general-budget', '一般公共预算支出情况', '后勤服务部'],
    ['fund-budget', '政府性基金预算支出情况', '后勤服务部'],
    ['state-capital-budget', '国有资本经营预算支出情况', '后勤服务部'],
    ['social-insurance-budget', '社会保险基金预算支出情况', '后勤服务部'],
    ['performance', '资金使用及绩效情况', '教学教研部'],
    ['problems', '存在的问题及原因分析', '学生发展部'],
    ['improvements', '下一步改进措施', '综合事务部'],
  ]);
  for (const section of result.sections) {
    expect(section.department).toBe(STANDARD_SECTIONS.find((s) => s.key === section.key)!.department);
  }
  expectValidContent(result);
});

test('the reference report: sub-headings at the right level despite 2、 and （2）', () => {
  expect(headingsOf(result, 'basic-info')).toEqual([[3, '主要职能']]);
  expect(headingsOf(result, 'general-budget')).toEqual([[3, '基本支出情况'], [3, '项目支出情况']]);
  expect(headingsOf(result, 'performance')).toEqual([[3, '整体支出绩效情况'], [3, '项目支出绩效情况']]);
  expect(headingsOf(result, 'problems')).toEqual([[3, '预算与绩效管理'], [3, '部门履职效能']]);
  expect(blocksOf(result, 'fund-budget').map(textOf)).toEqual(['无']);
});

test('the reference report: 改进措施 becomes an ordered list without the typed numbers', () => {
  const [list] = blocksOf(result, 'improvements');
  expect(list!.type).toBe('orderedList');
  expect(list!.attrs).toEqual({ start: 1 });
  expect(list!.content!.map(textOf)).toEqual([
    '加强预算编制前期论证，建立“绩效目标-业务需求”双向校准机制；',
    '优化跨部门协作流程，完善信息共享平台与定期联席制度；',
    '提前规划采购需求，拓展供应商资源库，缩短采购周期。',
  ]);
});

test('the reference report: every normalisation is reported in Chinese', () => {
  expect(result.normalisations).toEqual([
    '开头的「附件4」已记为附件编号：导出时首行写「附件4」（可在导出菜单中更改）',
    '标题分 2 行书写，已合并为一行',
    '第二部分编号缺失（原文从「一、」直接跳到「三、」），已按顺序重新编号，其后各部分编号依次调整',
    '「2、主要职能」缺少上一级小标题（位于第一部分），已按「（一）」级小标题处理',
    '「（2）项目支出情况」应为「（二）」，已按「（一）」级小标题处理',
  ]);
});

test('the reference report: 769.78 万元 is recognised twice in 一般公共预算', () => {
  expect(result.amounts).toEqual([
    { sectionKey: 'general-budget', text: '769.78万元', value: '769.78', unit: '万元' },
    { sectionKey: 'general-budget', text: '769.78万元', value: '769.78', unit: '万元' },
  ]);
});

test('the reference report: no body text is lost', () => {
  expectNothingLost(source, result);
  // The long honours paragraph arrives whole, quirks included.
  expect(blocksOf(result, 'basic-info').map(textOf)[1]).toBe(source.split('\n')[5]);
});

test('the property notices a lost or invented character', () => {
  const lose = structuredClone(result);
  lose.sections[1]!.content.content![1]!.content![0]!.text = '本部门2024年一般公共预算支出中基本支出预算为769.78万元';
  expect(() => expectNothingLost(source, lose)).toThrow();
  const invent = structuredClone(result);
  invent.sections[2]!.content.content![0]!.content![0]!.text = '无无';
  expect(() => expectNothingLost(source, invent)).toThrow();
});
