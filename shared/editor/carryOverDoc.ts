import type * as Y from 'yjs';
import { CARRY_OVER_MAP, type CarryOver } from '../domain/carryOver.js';

/** The carry-over record of a section's Yjs document (written by the server, cleared by its authors). */
export function readCarryOver(doc: Y.Doc): CarryOver | null {
  const map = doc.getMap<unknown>(CARRY_OVER_MAP);
  const fromYear = map.get('fromYear');
  const figures = map.get('figures');
  if (typeof fromYear !== 'number' || !Array.isArray(figures)) return null;
  return { fromYear, figures: figures.filter((f): f is string => typeof f === 'string') };
}

export function writeCarryOver(doc: Y.Doc, carryOver: CarryOver): void {
  const map = doc.getMap<unknown>(CARRY_OVER_MAP);
  doc.transact(() => {
    map.set('fromYear', carryOver.fromYear);
    map.set('figures', carryOver.figures);
  });
}

/** "已核对": the authors confirm the carried figures; the warnings go away for everyone. */
export function clearCarryOver(doc: Y.Doc): void {
  const map = doc.getMap<unknown>(CARRY_OVER_MAP);
  doc.transact(() => {
    for (const key of [...map.keys()]) map.delete(key);
  });
}
