import type { JSONContent } from '@tiptap/core';
import { checkCarriedFigures, type CarryOver } from '../domain/carryOver.js';
import { checkReport, type Problem } from '../domain/checks.js';
import { sectionModelFromDoc } from './budgetNodes.js';

/** A section as the checks see it: its ProseMirror document and what was carried from last year. */
export interface SectionDocument {
  key: string;
  title: string;
  doc: JSONContent;
  carryOver: CarryOver | null;
}

/** The report's problems from its section documents: the same answer in the browser and on the server. */
export function checkSectionDocuments(sections: readonly SectionDocument[]): Problem[] {
  const models = sections.map((section) => sectionModelFromDoc(section, section.doc));
  return [
    ...checkReport({ sections: models }),
    ...sections.flatMap((section, i) => (section.carryOver ? checkCarriedFigures(models[i]!, section.carryOver) : [])),
  ];
}
