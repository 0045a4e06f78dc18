import type { ProblemLocation } from '../../../../shared/domain/checks.js';
import { sectionAnchor } from '../section-anchor.js';

/** Scrolls to where a problem is (the table row, the table, or the section) and flashes it. */
export function revealProblem(location: ProblemLocation): void {
  const section = document.getElementById(sectionAnchor(location.sectionKey));
  if (!section) return;
  const block = location.blockId ? section.querySelector<HTMLElement>(`[data-block-id="${CSS.escape(location.blockId)}"]`) : null;
  const row = block && location.rowId ? block.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(location.rowId)}"]`) : null;
  const target = row ?? block ?? section;
  target.scrollIntoView({ behavior: 'smooth', block: 'center' });
  target.classList.remove('is-revealed');
  // Restart the highlight animation on a repeated click.
  void target.offsetWidth;
  target.classList.add('is-revealed');
  const input = row?.querySelector<HTMLElement>('[aria-invalid="true"], .has-error input, .has-error textarea');
  input?.focus({ preventScroll: true });
}
