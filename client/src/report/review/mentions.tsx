import { Fragment, type ReactNode } from 'react';

/** The same pattern the server reads mentions with (server/review/mentions.ts). */
const MENTION = /@([^\s@，。,.;；:：!！?？、)）]+)/g;

/** A comment's text with its @mentions marked. */
export function CommentText({ body }: { body: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of body.matchAll(MENTION)) {
    if (match.index > last) parts.push(body.slice(last, match.index));
    parts.push(<span key={match.index} className="mention">{match[0]}</span>);
    last = match.index + match[0].length;
  }
  if (last < body.length) parts.push(body.slice(last));
  return <>{parts.map((part, i) => <Fragment key={i}>{part}</Fragment>)}</>;
}

/** The `@…` being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const before = text.slice(0, caret);
  const match = /@([^\s@，。,.;；:：!！?？、)）]*)$/.exec(before);
  if (!match) return null;
  return { start: caret - match[0].length, query: match[1]! };
}
