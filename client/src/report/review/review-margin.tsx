import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { api } from '../../api.js';
import { CommentComposer } from './comment-composer.js';
import { useReview } from './review-context.js';
import { currentTextSelection, relativeSelection, type TextSelection } from './selection-anchor.js';
import { ThreadCard } from './thread-card.js';
import { isSectionNote, type ThreadView } from '../../../../shared/reviewApi.js';

const GAP = 10;
const DRAFT = 'draft';

interface Draft {
  sectionKey: string;
  anchor: string;
  head: string;
  quote: string;
  /** Where the selection was, relative to the paper's top. */
  top: number;
}

/**
 * The comment margin beside the paper: each thread sits level with its text (pushed down when
 * threads would overlap; the active one keeps its place), a 「评论」 button appears beside any
 * selected text, and the new comment is written in the margin where it will stay.
 */
export function ReviewMargin() {
  const review = useReview();
  const rail = useRef<HTMLDivElement>(null);
  const cards = useRef(new Map<string, HTMLDivElement>());
  const [picked, setPicked] = useState<{ selection: TextSelection; top: number } | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const frame = useRef<number | null>(null);

  const sessions = review?.sessions;
  const canComment = review?.report.canComment ?? false;
  const active = review?.active ?? null;
  const threads = (review?.threads ?? []).filter((t) => !isSectionNote(t) && sessions?.some((s) => s.section.key === t.sectionKey));

  const layout = useCallback(() => {
    const railElement = rail.current;
    const paper = railElement?.parentElement;
    if (!railElement || !paper) return;
    const paperTop = paper.getBoundingClientRect().top;
    const place: { id: string; element: HTMLDivElement; desired: number; height: number }[] = [];
    for (const [id, element] of cards.current) {
      let desired: number;
      if (id === DRAFT) {
        desired = Number(element.dataset.top ?? 0);
      } else {
        const sectionKey = element.dataset.threadSection ?? '';
        const anchor = paper.querySelector(`.comment-anchor[data-thread-id="${CSS.escape(id)}"]`);
        const section = paper.querySelector(`[data-section="${CSS.escape(sectionKey)}"]`);
        const target = anchor ?? section;
        desired = target ? target.getBoundingClientRect().top - paperTop - (anchor ? 6 : -8) : 0;
      }
      place.push({ id, element, desired, height: element.offsetHeight });
    }
    place.sort((a, b) => a.desired - b.desired);
    const tops = new Map<string, number>();
    const pinnedId = draft ? DRAFT : active;
    let pinned = place.findIndex((p) => p.id === pinnedId);
    if (pinned < 0) pinned = 0;
    // The pinned card keeps its place; those after it are pushed down, those before it up.
    let bottom = -Infinity;
    for (let i = pinned; i < place.length; i++) {
      const top = Math.max(place[i]!.desired, bottom + GAP);
      tops.set(place[i]!.id, top);
      bottom = top + place[i]!.height;
    }
    let ceiling = place[pinned] ? tops.get(place[pinned]!.id)! : Infinity;
    for (let i = pinned - 1; i >= 0; i--) {
      const top = Math.min(place[i]!.desired, ceiling - GAP - place[i]!.height);
      tops.set(place[i]!.id, top);
      ceiling = top;
    }
    // Nothing may rise above the paper: if it does, push everything down from the top instead.
    if (place.length > 0 && Math.min(...tops.values()) < 0) {
      let next = 0;
      for (const p of place) {
        const top = Math.max(tops.get(p.id)!, next);
        tops.set(p.id, top);
        next = top + p.height + GAP;
      }
    }
    for (const p of place) {
      const top = `${Math.round(tops.get(p.id)!)}px`;
      if (p.element.style.top !== top) p.element.style.top = top;
    }
    const button = railElement.querySelector<HTMLElement>('.comment-add');
    if (button && button.dataset.top) button.style.top = `${button.dataset.top}px`;
  }, [active, draft]);

  const schedule = useCallback(() => {
    if (frame.current !== null) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = null;
      layout();
    });
  }, [layout]);

  useLayoutEffect(() => { layout(); });

  // Text moves when anyone types, when sections load, when the window or a card changes size.
  useEffect(() => {
    if (!sessions) return;
    const paper = rail.current?.parentElement;
    const resize = new ResizeObserver(schedule);
    if (paper) resize.observe(paper);
    for (const card of cards.current.values()) resize.observe(card);
    const detach = sessions.map((session) => {
      session.editor.on('transaction', schedule);
      return () => session.editor.off('transaction', schedule);
    });
    window.addEventListener('resize', schedule);
    return () => {
      resize.disconnect();
      detach.forEach((off) => off());
      window.removeEventListener('resize', schedule);
      if (frame.current !== null) cancelAnimationFrame(frame.current);
      frame.current = null;
    };
  });

  // A selection inside a section's text offers 「评论」 beside it.
  useEffect(() => {
    if (!sessions || !canComment) return;
    let pending: number | null = null;
    const read = () => {
      pending = null;
      const paper = rail.current?.parentElement;
      const selection = currentTextSelection(sessions);
      if (!selection || !paper) {
        setPicked((current) => (current ? null : current));
        return;
      }
      const top = selection.rect.top - paper.getBoundingClientRect().top;
      setPicked((current) => current && current.selection.session === selection.session && current.selection.from === selection.from
        && current.selection.to === selection.to && Math.abs(current.top - top) < 1 ? current : { selection, top });
    };
    const onChange = () => { if (pending === null) pending = requestAnimationFrame(read); };
    document.addEventListener('selectionchange', onChange);
    return () => {
      document.removeEventListener('selectionchange', onChange);
      if (pending !== null) cancelAnimationFrame(pending);
    };
  }, [sessions, canComment]);

  // Clicking highlighted text opens its thread; clicking elsewhere in the text closes it.
  const setActive = review?.setActive;
  useEffect(() => {
    const paper = rail.current?.parentElement;
    if (!paper || !setActive) return;
    const onClick = (event: MouseEvent) => {
      const target = event.target as Element | null;
      if (!target || rail.current?.contains(target)) return;
      const anchor = target.closest<HTMLElement>('.comment-anchor[data-thread-id]');
      if (anchor) setActive(anchor.dataset.threadId ?? null);
      else if (target.closest('.section-text')) setActive(null);
    };
    paper.addEventListener('click', onClick);
    return () => paper.removeEventListener('click', onClick);
  }, [setActive]);

  if (!review) return null;

  const startComment = () => {
    if (!picked) return;
    const { session, from, to, quote } = picked.selection;
    const positions = relativeSelection(session.editor, from, to);
    if (!positions) return;
    setDraft({ sectionKey: session.section.key, ...positions, quote, top: Math.max(0, picked.top - 6) });
    setPicked(null);
    review.setActive(null);
  };

  const submitDraft = async (body: string) => {
    if (!draft) return false;
    const result: { thread?: ThreadView } = {};
    const done = await review.run(async () => {
      ({ thread: result.thread } = await api<{ thread: ThreadView }>('POST',
        `/api/reports/${encodeURIComponent(review.report.id)}/sections/${encodeURIComponent(draft.sectionKey)}/threads`,
        { anchor: draft.anchor, head: draft.head, body }));
    });
    if (done && result.thread) {
      review.addThread(result.thread);
      review.setActive(result.thread.id);
      setDraft(null);
      window.getSelection()?.removeAllRanges();
    }
    return done;
  };

  const register = (id: string) => (element: HTMLDivElement | null) => {
    if (element) cards.current.set(id, element);
    else cards.current.delete(id);
  };

  return (
    <aside ref={rail} className="review-margin" aria-label="评论">
      {picked && !draft && (
        <button type="button" className="comment-add" data-top={Math.max(0, picked.top - 4)} style={{ top: Math.max(0, picked.top - 4) }}
          title="评论所选文字" onMouseDown={(event) => event.preventDefault()} onClick={startComment}>
          <span aria-hidden="true">＋</span> 评论
        </button>
      )}
      {draft && (
        <div ref={register(DRAFT)} className="thread thread-margin thread-draft is-active" data-top={draft.top}>
          <div className="thread-head">
            <blockquote className="thread-quote" title={draft.quote}>{draft.quote}</blockquote>
          </div>
          <CommentComposer autoFocus placeholder="写下评论，@ 提及部门或人员" submitLabel="评论" mentionables={review.mentionables}
            onSubmit={submitDraft} onCancel={() => setDraft(null)} />
        </div>
      )}
      {threads.map((thread) => (
        <ThreadCard key={thread.id} thread={thread} variant="margin" cardRef={register(thread.id)}
/>
      ))}
    </aside>
  );
}
