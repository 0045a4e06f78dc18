// @vitest-environment happy-dom
import { generateHTML, generateJSON, getSchema, type JSONContent } from '@tiptap/core';
import { updateYFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { createBudgetTable } from '../../../shared/domain/budget.js';
import { createSelfEvaluationTable } from '../../../shared/domain/selfEvaluation.js';
import {
  budgetExtensions, budgetTableFromNode, budgetTableToNode, plainTextFromDoc, sectionModelFromDoc,
  selfEvaluationFromNode, selfEvaluationToNode,
} from '../../../shared/editor/budgetNodes.js';
import { documentExtensions } from '../../../shared/editor/extensions.js';

const extensions = [...documentExtensions(), ...budgetExtensions()];
const schema = getSchema(extensions);

function ids(prefix: string) {
  let n = 0;
  return () => `${prefix}${++n}`;
}

function sampleTables() {
  const budget = createBudgetTable('general', { newId: ids('b') });
  budget.rows[0]!.values = { initialBudget: '769.78', fullYearBudget: '769.78', fullYearActual: '769.78' };
  budget.rows[0]!.note = '人员经费为主';
  const evaluation = createSelfEvaluationTable({ newId: ids('s') });
  Object.assign(evaluation.funds[0]!, { fullYearBudget: '769.78', fullYearActual: '769.78' });
  evaluation.goal = { expected: '保障学校正常运转', actual: '全年正常运转' };
  Object.assign(evaluation.indicators[0]!, { level3: '在校学生数', target: '=1088人', actual: '1088' });
  Object.assign(evaluation.indicators[4]!, { level3: '教育质量', target: '效果明显', achievement: 'achieved', reviewerScore: '18', deviationReason: '无偏差' });
  return { budget, evaluation };
}

function sampleDoc(): JSONContent {
  const { budget, evaluation } = sampleTables();
  return {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: '基本支出情况' }] },
      { type: 'paragraph', content: [{ type: 'text', text: '基本支出预算为769.78万元，实际支出为769.78万元。' }] },
      budgetTableToNode(budget),
      selfEvaluationToNode(evaluation),
    ],
  };
}

test('the document schema with budget nodes accepts a sample budget table and 自评表', () => {
  const node = schema.nodeFromJSON(sampleDoc());
  expect(() => node.check()).not.toThrow();
  expect(node.child(2).type.name).toBe('budgetTable');
  expect(node.child(2).child(0).childCount).toBe(3);
  expect(node.child(3).type.name).toBe('selfEvaluationTable');
});

test('the schema refuses malformed tables', () => {
  const { budget } = sampleTables();
  const json = budgetTableToNode(budget);
  json.content![0]!.content!.pop();
  expect(() => schema.nodeFromJSON({ type: 'doc', content: [json] }).check()).toThrow();
  const withText = budgetTableToNode(budget);
  withText.content![0]!.content![0] = { type: 'budgetNumberCell', content: [{ type: 'text', text: '1' }] };
  expect(() => schema.nodeFromJSON({ type: 'doc', content: [withText] }).check()).toThrow();
  expect(() => schema.nodeFromJSON({ type: 'doc', content: [{ type: 'budgetTable', content: [] }] }).check()).toThrow();
});

test('every stored attribute is a primitive and computed columns are not stored', () => {
  const walk = (node: JSONContent): void => {
    for (const value of Object.values(node.attrs ?? {})) expect(['string', 'number', 'boolean']).toContain(typeof value);
    for (const key of Object.keys(node.attrs ?? {})) expect(key).not.toMatch(/rate|total|score$|grade/i);
    (node.content ?? []).forEach(walk);
  };
  walk(schema.nodeFromJSON(sampleDoc()).toJSON());
});

test('node JSON ⇄ models round-trips through the schema', () => {
  const { budget, evaluation } = sampleTables();
  const budgetBack = budgetTableFromNode(schema.nodeFromJSON(budgetTableToNode(budget)).toJSON());
  expect(budgetBack).toEqual(budget);
  const evaluationBack = selfEvaluationFromNode(schema.nodeFromJSON(selfEvaluationToNode(evaluation)).toJSON());
  expect(evaluationBack).toEqual(evaluation);
});

test('content round-trips through HTML', () => {
  const doc = schema.nodeFromJSON(sampleDoc()).toJSON();
  const html = generateHTML(doc, extensions);
  expect(html).toContain('<table data-type="budget-table" data-id="b1" data-kind="general" data-unit="万元"><tbody><tr data-type="budget-row"');
  expect(html).toContain('<td data-type="budget-number-cell" data-column="fullYearActual" data-value="769.78">769.78</td>');
  expect(generateJSON(html, extensions)).toEqual(doc);
});

test('two people typing in one number cell: last writer wins, never "12001500"', () => {
  const { budget } = sampleTables();
  const start = { type: 'doc', content: [budgetTableToNode(budget)] };
  const meta = () => ({ mapping: new Map(), isOMark: new Map() });
  const a = new Y.Doc();
  updateYFragment(a, a.getXmlFragment('default'), schema.nodeFromJSON(start), meta());
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const typed = (value: string) => {
    const json = structuredClone(start);
    json.content[0]!.content![3]!.content![1]!.attrs!.value = value;
    return schema.nodeFromJSON(json);
  };
  updateYFragment(a, a.getXmlFragment('default'), typed('1200'), meta());
  updateYFragment(b, b.getXmlFragment('default'), typed('1500'), meta());
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const value = (doc: Y.Doc) =>
    budgetTableFromNode(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment('default')).content[0]).rows[3]!.values.fullYearBudget;
  expect(value(a)).toBe(value(b));
  expect(['1200', '1500']).toContain(value(a));
});

test('a section model for the checks: prose without the tables, and the tables', () => {
  const model = sectionModelFromDoc({ key: 'general-budget', title: '一般公共预算支出情况' }, sampleDoc());
  expect(model.text).toBe('基本支出情况\n基本支出预算为769.78万元，实际支出为769.78万元。');
  expect(model.budgetTables).toHaveLength(1);
  expect(model.selfEvaluations).toHaveLength(1);
  expect(plainTextFromDoc({
    type: 'doc',
    content: [{ type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: '一' }] }] }] }, { type: 'paragraph' }],
  })).toBe('一\n');
});
