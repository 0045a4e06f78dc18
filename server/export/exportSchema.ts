import { getSchema, type AnyExtension } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import { budgetExtensions } from '../../shared/editor/budgetNodes.js';
import { documentExtensions } from '../../shared/editor/extensions.js';

/**
 * The section schema the editor uses, with the budget and 自评表 nodes. Those are appended only
 * when documentExtensions() does not list them already, so the export keeps working either way.
 */
function exportExtensions(): AnyExtension[] {
  const base = documentExtensions();
  const known = new Set(base.map((extension) => extension.name));
  return [...base, ...budgetExtensions().filter((extension) => !known.has(extension.name))];
}

let schema: Schema | undefined;

export function exportSchema(): Schema {
  schema ??= getSchema(exportExtensions());
  return schema;
}
