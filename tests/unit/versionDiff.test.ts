import { expect, test } from 'vitest';
import { diffBlocks, diffText } from '../../server/review/versionDiff.js';

test('a character diff marks exactly what was inserted and deleted', () => {
  expect(diffText('实际支出为769万元', '实际支出为800万元')).toEqual([
    { op: 'equal', text: '实际支出为' }, { op: 'delete', text: '769' }, { op: 'insert', text: '800' }, { op: 'equal', text: '万元' },
  ]);
  expect(diffText('', '新')).toEqual([{ op: 'insert', text: '新' }]);
});

test('blocks are matched first; a rewritten block is diffed inside, others are added or removed', () => {
  expect(diffBlocks(['一、总体', '旧的段落', '不变'], ['一、总体', '新的段落', '不变', '新增'])).toEqual([
    { kind: 'same', text: '一、总体' },
    { kind: 'changed', segments: [{ op: 'delete', text: '旧' }, { op: 'insert', text: '新' }, { op: 'equal', text: '的段落' }] },
    { kind: 'same', text: '不变' },
    { kind: 'added', text: '新增' },
  ]);
  expect(diffBlocks(['删掉我', '留下'], ['留下'])).toEqual([{ kind: 'removed', text: '删掉我' }, { kind: 'same', text: '留下' }]);
});

test('consecutive rewritten blocks pair up in order; what is left over is added or removed', () => {
  expect(diffBlocks(['甲 1', '乙 2', '不变'], ['甲 3', '乙 4', '丙 5', '不变'])).toEqual([
    { kind: 'changed', segments: [{ op: 'equal', text: '甲 ' }, { op: 'delete', text: '1' }, { op: 'insert', text: '3' }] },
    { kind: 'changed', segments: [{ op: 'equal', text: '乙 ' }, { op: 'delete', text: '2' }, { op: 'insert', text: '4' }] },
    { kind: 'added', text: '丙 5' },
    { kind: 'same', text: '不变' },
  ]);
});
