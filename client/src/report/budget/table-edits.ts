import type { Editor, JSONContent } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';

/**
 * Edits of a table node from its node view, as ProseMirror transactions (and so, through the
 * collaboration binding, as Yjs updates). Children are addressed by index: row, then cell.
 * Number cells change one attribute (last writer wins); text cells change only the characters
 * that differ, so two people writing in one text cell merge like any other text.
 */
export class TableEdits {
  constructor(private readonly editor: Editor, private readonly node: PMNode, private readonly getPos: () => number | undefined) {}

  private rowPos(row: number): number | undefined {
    const table = this.getPos();
    if (table === undefined || row < 0 || row >= this.node.childCount) return undefined;
    let pos = table + 1;
    for (let i = 0; i < row; i++) pos += this.node.child(i).nodeSize;
    return pos;
  }

  private cellPos(row: number, cell: number): number | undefined {
    const rowPos = this.rowPos(row);
    if (rowPos === undefined) return undefined;
    const rowNode = this.node.child(row);
    if (cell < 0 || cell >= rowNode.childCount) return undefined;
    let pos = rowPos + 1;
    for (let i = 0; i < cell; i++) pos += rowNode.child(i).nodeSize;
    return pos;
  }

  updateTable(attributes: Record<string, string>): void {
    const pos = this.getPos();
    if (pos === undefined) return;
    const tr = this.editor.state.tr;
    for (const [name, value] of Object.entries(attributes)) tr.setNodeAttribute(pos, name, value);
    this.editor.view.dispatch(tr);
  }

  setRowAttribute(row: number, name: string, value: string): void {
    const pos = this.rowPos(row);
    if (pos !== undefined) this.editor.view.dispatch(this.editor.state.tr.setNodeAttribute(pos, name, value));
  }

  setCellValue(row: number, cell: number, value: string): void {
    const pos = this.cellPos(row, cell);
    if (pos !== undefined) this.editor.view.dispatch(this.editor.state.tr.setNodeAttribute(pos, 'value', value));
  }

  setCellText(row: number, cell: number, text: string): void {
    const pos = this.cellPos(row, cell);
    if (pos === undefined) return;
    const old = this.node.child(row).child(cell).textContent;
    let start = 0;
    while (start < old.length && start < text.length && old[start] === text[start]) start++;
    let end = 0;
    while (end < old.length - start && end < text.length - start && old[old.length - 1 - end] === text[text.length - 1 - end]) end++;
    const from = pos + 1 + start;
    const to = pos + 1 + old.length - end;
    const inserted = text.slice(start, text.length - end);
    const tr = this.editor.state.tr;
    if (inserted === '') tr.delete(from, to);
    else tr.insertText(inserted, from, to);
    this.editor.view.dispatch(tr);
  }

  /** Inserts a row (as JSON) before row `index` (at the end when index is the row count). */
  insertRow(index: number, row: JSONContent): void {
    const table = this.getPos();
    if (table === undefined) return;
    const pos = index >= this.node.childCount ? table + this.node.nodeSize - 1 : this.rowPos(index);
    if (pos === undefined) return;
    this.editor.view.dispatch(this.editor.state.tr.insert(pos, this.editor.schema.nodeFromJSON(row)));
  }

  removeRow(index: number): void {
    const pos = this.rowPos(index);
    if (pos !== undefined) this.editor.view.dispatch(this.editor.state.tr.delete(pos, pos + this.node.child(index).nodeSize));
  }

  removeTable(): void {
    const pos = this.getPos();
    if (pos !== undefined) this.editor.view.dispatch(this.editor.state.tr.delete(pos, pos + this.node.nodeSize));
  }
}
