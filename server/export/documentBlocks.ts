import type { JSONContent } from '@tiptap/core';
import { BUDGET_NODE_NAMES } from '../../shared/editor/budgetNodes.js';
import { HeadingCounter, sectionNumber, withoutTypedNumber } from './headingNumbers.js';
import type { DraftStatus, ExportBlock, ExportModel, HeadingLevel, Inline, TextRun } from './model.js';
import { budgetTableToExport } from './tables/budgetTable.js';
import { selfEvaluationToExport } from './tables/selfEvaluationTable.js';

const PROBLEMS_HEADING = '草稿：待解决的问题';

/** The text a node holds, for nodes the exporter has no layout for. */
export function textContent(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(textContent).join('');
}

/** The thread ids of a text node's `comment` marks (they may overlap, so there can be several). */
export function commentThreadIds(node: JSONContent): string[] {
  return (node.marks ?? []).flatMap((mark) => {
    const threadId = mark.type === 'comment' ? mark.attrs?.threadId : undefined;
    return typeof threadId === 'string' && threadId !== '' ? [threadId] : [];
  });
}

/** Every thread id anchored anywhere in a document. */
export function anchoredThreadIds(node: JSONContent, into = new Set<string>()): Set<string> {
  if (node.type === 'text') for (const id of commentThreadIds(node)) into.add(id);
  for (const child of node.content ?? []) anchoredThreadIds(child, into);
  return into;
}

function inlinesOf(node: JSONContent): Inline[] {
  return (node.content ?? []).flatMap((child): Inline[] => {
    if (child.type === 'hardBreak') return [{ lineBreak: true }];
    if (child.type !== 'text') return [{ text: textContent(child) }];
    const marks = new Set((child.marks ?? []).map((mark) => mark.type));
    const run: TextRun = { text: child.text ?? '' };
    if (marks.has('bold')) run.bold = true;
    if (marks.has('italic')) run.italic = true;
    if (marks.has('underline')) run.underline = true;
    if (marks.has('strike')) run.strike = true;
    const threadIds = commentThreadIds(child);
    if (threadIds.length > 0) run.threadIds = threadIds;
    return [run];
  });
}

/** Editor heading levels 3/4/5 are （一）/1./（1）; anything else is clamped onto that range. */
function subheadingLevel(node: JSONContent): Exclude<HeadingLevel, 1> {
  const level = Number(node.attrs?.level ?? 3);
  return level <= 3 ? 2 : level === 4 ? 3 : 4;
}

function hasText(inlines: readonly Inline[]): boolean {
  return inlines.some((inline) => 'text' in inline && inline.text.trim() !== '');
}

/** List items become paragraphs that start with their marker: 「1.」 or 「•」. */
function listBlocks(list: JSONContent, counter: HeadingCounter): ExportBlock[] {
  const ordered = list.type === 'orderedList';
  const start = Number(list.attrs?.start ?? 1);
  return (list.content ?? []).flatMap((item, index) => {
    const marker = ordered ? `${start + index}.` : '•';
    const blocks = (item.content ?? []).flatMap((child) => nodeBlocks(child, counter));
    const first = blocks[0];
    if (first?.kind === 'paragraph') first.inlines.unshift({ text: ordered ? marker : `${marker} ` });
    return blocks;
  });
}

function nodeBlocks(node: JSONContent, counter: HeadingCounter): ExportBlock[] {
  switch (node.type) {
    case 'paragraph': {
      const inlines = inlinesOf(node);
      return hasText(inlines) ? [{ kind: 'paragraph', inlines }] : [];
    }
    case 'heading': {
      const level = subheadingLevel(node);
      const text = withoutTypedNumber(textContent(node).replace(/\n/g, '')).trim();
      if (text === '') return [];
      const threadIds = [...anchoredThreadIds(node)];
      return [{ kind: 'heading', level, number: counter.next(level), text, ...(threadIds.length > 0 ? { threadIds } : {}) }];
    }
    case 'orderedList':
    case 'bulletList':
      return listBlocks(node, counter);
    case 'blockquote':
      return (node.content ?? []).flatMap((child) => nodeBlocks(child, counter));
    case BUDGET_NODE_NAMES.budgetTable:
      return [{ kind: 'table', table: budgetTableToExport(node) }];
    case BUDGET_NODE_NAMES.selfEvaluationTable:
      return selfEvaluationToExport(node);
    default: {
      // A node without a layout of its own still loses none of its words.
      const text = textContent(node).trim();
      return text === '' ? [] : [{ kind: 'paragraph', inlines: [{ text }] }];
    }
  }
}

/** The blocks of one section document, its sub-headings numbered by position. */
export function sectionBlocks(doc: JSONContent): ExportBlock[] {
  const counter = new HeadingCounter();
  return (doc.content ?? []).flatMap((node) => nodeBlocks(node, counter));
}

/**
 * The whole report in reading order: attachment label, title, then each section under its
 * 一、 heading; a draft ends with the list of open problems.
 */
export function documentBlocks(model: ExportModel, draft: DraftStatus): ExportBlock[] {
  const blocks: ExportBlock[] = [];
  if (model.attachmentLabel) blocks.push({ kind: 'attachmentLabel', text: model.attachmentLabel });
  blocks.push({ kind: 'title', text: model.title });
  for (const section of model.sections) {
    blocks.push({ kind: 'heading', level: 1, number: sectionNumber(section.numeral), text: section.title });
    blocks.push(...sectionBlocks(section.doc));
  }
  if (draft.draft) {
    blocks.push({ kind: 'heading', level: 1, number: '', text: PROBLEMS_HEADING });
    const problems = draft.problems.length > 0 ? draft.problems : ['无'];
    problems.forEach((problem, index) => {
      blocks.push({ kind: 'paragraph', inlines: [{ text: draft.problems.length > 0 ? `${index + 1}. ${problem}` : problem }] });
    });
  }
  return blocks;
}
