import { getSchema } from '@tiptap/core';
import { absolutePositionToRelativePosition, initProseMirrorDoc, prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import * as buffer from 'lib0/buffer';
import { expect, test } from 'vitest';
import * as Y from 'yjs';
import { anchoredThreadIds, applyCommentAnchor, commentAttributeKey } from '../../server/review/commentAnchors.js';
import { documentExtensions } from '../../shared/editor/extensions.js';

const schema = getSchema(documentExtensions());

function section(...paragraphs: string[]) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  prosemirrorJSONToYXmlFragment(schema, {
    type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  }, fragment);
  // Positions exactly as the browser computes them from its ProseMirror selection.
  const { mapping } = initProseMirrorDoc(fragment, schema);
  const position = (pos: number) => buffer.toBase64(Y.encodeRelativePosition(absolutePositionToRelativePosition(pos, fragment, mapping)));
  const marks = () => {
    const json = yXmlFragmentToProseMirrorRootNode(fragment, schema).toJSON() as { content: { content?: { text: string; marks?: { attrs: { threadId: string } }[] }[] }[] };
    return json.content.flatMap((p) => (p.content ?? []).map((t) => [t.text, (t.marks ?? []).map((m) => m.attrs.threadId).sort().join(',')]));
  };
  return { doc, fragment, position, marks };
}

test('a selection becomes a comment mark the editor reads back, with its quote', () => {
  const s = section('基本支出预算为769.78万元');
  // ProseMirror positions: 1 is the paragraph's first character.
  expect(applyCommentAnchor(s.doc, s.position(8), s.position(14), 't1')).toEqual({ quote: '769.78' });
  expect(s.marks()).toEqual([['基本支出预算为', ''], ['769.78', 't1'], ['万元', '']]);
  expect([...anchoredThreadIds(s.doc)]).toEqual(['t1']);
});

test('overlapping comments and selections across paragraphs, in either direction', () => {
  const s = section('一二三四五', '六七八九十');
  expect(applyCommentAnchor(s.doc, s.position(4), s.position(10), 'a').quote).toBe('四五\n六七');
  expect(applyCommentAnchor(s.doc, s.position(3), s.position(2), 'b').quote).toBe('二');
  expect(applyCommentAnchor(s.doc, s.position(5), s.position(6), 'c').quote).toBe('五');
  expect(s.marks()).toEqual([['一', ''], ['二', 'b'], ['三', ''], ['四', 'a'], ['五', 'a,c'], ['六七', 'a'], ['八九十', '']]);
});

test('anchors follow the text when others type before them, and vanish when it is deleted', () => {
  const s = section('学生共有1088人。');
  const from = s.position(5);
  const to = s.position(9);
  const text = (s.fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  // Somebody types at the start after the selection was made but before the server applies it.
  text.insert(0, '截至年底，');
  expect(applyCommentAnchor(s.doc, from, to, 't').quote).toBe('1088');
  text.delete(9, 4);
  expect(anchoredThreadIds(s.doc).size).toBe(0);
});

test('an empty or foreign selection is refused with a reason', () => {
  const s = section('内容');
  expect(() => applyCommentAnchor(s.doc, s.position(2), s.position(2), 't')).toThrow('请先选中要评论的文字');
  const other = section('别的文档');
  expect(() => applyCommentAnchor(s.doc, other.position(1), other.position(3), 't')).toThrow('所选文字已不存在');
  expect(() => applyCommentAnchor(s.doc, '!!!', s.position(1), 't')).toThrow();
});

test('the attribute key is the one y-tiptap itself writes for a comment mark', () => {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('default');
  prosemirrorJSONToYXmlFragment(schema, {
    type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: '甲', marks: [{ type: 'comment', attrs: { threadId: 'x1' } }] }] }],
  }, fragment);
  const delta = ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).toDelta() as { attributes: Record<string, unknown> }[];
  expect(Object.keys(delta[0]!.attributes)).toEqual([commentAttributeKey('x1')]);
});
