import { useState, type CSSProperties, type Ref } from 'react';
import { api } from '../../api.js';
import { CommentComposer } from './comment-composer.js';
import { formatFullTime, formatTime } from './format.js';
import { CommentText } from './mentions.js';
import { useReview, type Review } from './review-context.js';
import type { CommentView, ThreadView } from '../../../../shared/reviewApi.js';

interface Props {
  thread: ThreadView;
  /** 'margin' beside the text; 'note' for section-level notes shown at the section. */
  variant: 'margin' | 'note';
  cardRef?: Ref<HTMLDivElement>;
  style?: CSSProperties;
}

/** One comment thread: its quote, comments, replies, and resolve / reopen. */
export function ThreadCard({ thread, variant, cardRef, style }: Props) {
  const review = useReview();
  if (!review) return null;
  const active = review.active === thread.id;
  const resolved = thread.resolved !== null;
  const compact = resolved && !active;
  const activate = () => { if (!active) review.setActive(thread.id); };

  const setResolved = (value: boolean) => review.run(async () => {
    await api('POST', `/api/threads/${encodeURIComponent(thread.id)}/${value ? 'resolve' : 'reopen'}`);
    await review.refreshThreads();
  });

  const className = ['thread', `thread-${variant}`, active && 'is-active', resolved && 'is-resolved', thread.detached && 'is-detached']
    .filter(Boolean).join(' ');

  return (
    <div ref={cardRef} className={className} style={style} data-thread-id={thread.id} data-thread-section={thread.sectionKey} data-state={resolved ? 'resolved' : 'open'}
      onMouseDown={activate} role="group" aria-label={thread.quote ? `评论：${thread.quote}` : '部分备注'}>
      <div className="thread-head">
        {thread.quote ? (
          <blockquote className="thread-quote" title={thread.quote}>{thread.quote}</blockquote>
        ) : (
          <span className="thread-note-label">{variant === 'note' ? '部分备注' : '备注'}</span>
        )}
        {thread.detached && <span className="thread-tag is-detached">原文已删除</span>}
        {thread.canResolve && !resolved && (
          <button type="button" className="thread-resolve" title="标记为已解决" onClick={(e) => { e.stopPropagation(); void setResolved(true); }}>
            ✓ 解决
          </button>
        )}
      </div>
      {resolved && (
        <div className="thread-resolved-line">
          <span>✓ 已解决 · {thread.resolved!.by} · {formatTime(thread.resolved!.at)}</span>
          {thread.canResolve && (
            <button type="button" className="thread-link" onClick={(e) => { e.stopPropagation(); void setResolved(false); }}>重新打开</button>
          )}
        </div>
      )}
      {!compact && (
        <>
          <ol className="thread-comments">
            {thread.comments.map((comment) => <CommentItem key={comment.id} comment={comment} review={review} />)}
          </ol>
          {(active || variant === 'note') && !resolved && (
            <CommentComposer compact={!active} placeholder="回复…" submitLabel="回复" mentionables={review.mentionables}
              onSubmit={(body) => review.run(async () => {
                await api('POST', `/api/threads/${encodeURIComponent(thread.id)}/comments`, { body });
                await review.refreshThreads();
              })} />
          )}
        </>
      )}
    </div>
  );
}

function CommentItem({ comment, review }: { comment: CommentView; review: Review }) {
  const [editing, setEditing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);

  if (comment.deleted) {
    return <li className="comment is-deleted"><span className="comment-deleted">该评论已删除</span></li>;
  }
  return (
    <li className="comment" data-comment-id={comment.id}>
      <div className="comment-meta">
        <span className="comment-author">{comment.author.name}</span>
        <time className="comment-time" dateTime={new Date(comment.createdAt).toISOString()} title={formatFullTime(comment.createdAt)}>
          {formatTime(comment.createdAt)}
        </time>
        {comment.editedAt && <span className="comment-edited">已编辑</span>}
        {comment.mine && !editing && (
          <span className="comment-tools">
            <button type="button" className="thread-link" onClick={() => setEditing(true)}>编辑</button>
            {confirmDelete ? (
              <>
                <button type="button" className="thread-link is-danger" onClick={() => void review.run(async () => {
                  await api('DELETE', `/api/comments/${encodeURIComponent(comment.id)}`);
                  await review.refreshThreads();
                })}>确认删除</button>
                <button type="button" className="thread-link" onClick={() => setConfirmDelete(false)}>取消</button>
              </>
            ) : (
              <button type="button" className="thread-link" onClick={() => setConfirmDelete(true)}>删除</button>
            )}
          </span>
        )}
      </div>
      {editing ? (
        <CommentComposer autoFocus initial={comment.body} placeholder="修改评论" submitLabel="保存" mentionables={review.mentionables}
          onCancel={() => setEditing(false)}
          onSubmit={async (body) => {
            const done = await review.run(async () => {
              await api('PATCH', `/api/comments/${encodeURIComponent(comment.id)}`, { body });
              await review.refreshThreads();
            });
            if (done) setEditing(false);
            return done;
          }} />
      ) : (
        <p className="comment-body"><CommentText body={comment.body} /></p>
      )}
    </li>
  );
}
