import type { JSONContent } from '@tiptap/core';
import { getSchema } from '@tiptap/core';
import { expect } from 'vitest';
import { documentExtensions } from '../../../shared/editor/extensions.js';
import type { ImportResult } from '../../../server/import/index.js';

/** Helpers for the import tests: the text an import produced, and the "nothing lost" property. */

export function textOf(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(textOf).join('');
}

export function blocksOf(result: ImportResult, key: string): JSONContent[] {
  const section = result.sections.find((s) => s.key === key);
  expect(section, key).toBeDefined();
  return section!.content.content ?? [];
}

export function headingsOf(result: ImportResult, key: string): Array<[number, string]> {
  return blocksOf(result, key).filter((b) => b.type === 'heading').map((b) => [b.attrs!.level as number, textOf(b)]);
}

/** Every section's content is a valid document of the section schema. */
export function expectValidContent(result: ImportResult): void {
  const schema = getSchema(documentExtensions());
  for (const section of result.sections) {
    expect(() => schema.nodeFromJSON(section.content).check(), section.key).not.toThrow();
    expect(section.key).toMatch(/^[a-z0-9-]{1,64}$/);
  }
}

const HALF_TO_FULL: Record<string, string> = { '(': '（', ')': '）', ':': '：', ';': '；', ',': '，' };

function comparable(text: string): string {
  return text.replace(/[\s\u3000\u00a0\u200b-\u200d\ufeff]/g, '').replace(/[():;,]/g, (c) => HALF_TO_FULL[c]!);
}

/** Characters an importer may drop: the typed numbers of headings and list items, and a heading's final stop. */
const MARKER_CHARACTER = /[一二三四五六七八九十0-9０-９、.．（）。：；，第部分]/;

/**
 * The "no body text is lost" property: the sections' titles and texts, in order, are the
 * source body with only numbering markers left out, and only a few of those per block.
 */
export function expectNothingLost(source: string, result: ImportResult): void {
  const whole = comparable(source);
  const title = comparable(result.title);
  const titleAt = whole.indexOf(title);
  expect(titleAt, 'the title is the first thing after the attachment label').toBeGreaterThanOrEqual(0);
  expect(titleAt).toBeLessThanOrEqual(8);
  const body = whole.slice(titleAt + title.length);

  const output = comparable(result.sections.map((s) => s.title + textOf(s.content)).join(''));
  const skipped: string[] = [];
  let at = 0;
  for (const ch of output) {
    while (at < body.length && body[at] !== ch) skipped.push(body[at++]!);
    if (at === body.length) throw new Error(`output character ${ch} is not in the source (in that order)`);
    at += 1;
  }
  skipped.push(...body.slice(at));
  const unexpected = skipped.filter((c) => !MARKER_CHARACTER.test(c));
  expect(unexpected, 'only numbering markers may be dropped').toEqual([]);
  const blocks = result.sections.reduce((n, s) => n + 1 + JSON.stringify(s.content).split('"type":"heading"').length
    + JSON.stringify(s.content).split('"type":"listItem"').length, 0);
  expect(skipped.length).toBeLessThanOrEqual(blocks * 4);
}
