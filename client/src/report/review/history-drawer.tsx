import { Editor, type JSONContent } from '@tiptap/core';
import { EditorContent } from '@tiptap/react';
import { useCallback, useEffect, useState } from 'react';
import { documentExtensions } from '../../../../shared/editor/extensions.js';
import { VERSION_KIND_LABELS } from '../../../../shared/review.js';
import { api, ApiFailure } from '../../api.js';
import { ReviewDialog, ReviewDrawer } from './dialog.js';
import { formatFullTime, formatTime } from './format.js';
import { useReview } from './review-context.js';
import type { BlockDiff, VersionDiff, VersionView } from '../../../../shared/reviewApi.js';

type Detail =
  | { mode: 'view'; version: VersionView }
  | { mode: 'diff'; from: VersionView; to: VersionView | 'current' };

/** 历史版本 of one section: list, save a named version, view, compare, restore. */
export function HistoryDrawer({ sectionKey, onClose }: { sectionKey: string; onClose(): void }) {
  const review = useReview();
  const [versions, setVersions] = useState<VersionView[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [detail, setDetail] = useState<Detail | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const reportId = review?.report.id ?? '';
  const revision = review?.versionsRevision ?? 0;
  const section = review?.report.sections.find((s) => s.key === sectionKey);

  const load = useCallback(async () => {
    try {
      const { versions: list } = await api<{ versions: VersionView[] }>('GET',
        `/api/reports/${encodeURIComponent(reportId)}/sections/${encodeURIComponent(sectionKey)}/versions`);
      setVersions([...list].sort((a, b) => b.createdAt - a.createdAt));
      setFailure(null);
    } catch (error) {
      setFailure(error instanceof ApiFailure ? error.message : '加载失败');
    }
  }, [reportId, sectionKey]);

  useEffect(() => { void load(); }, [load, revision]);

  if (!review || !section) return null;
  const toggle = (id: string) => setChosen((current) => current.includes(id)
    ? current.filter((c) => c !== id) : [...current, id].slice(-2));
  const compareChosen = () => {
    const pair = (versions ?? []).filter((v) => chosen.includes(v.id)).sort((a, b) => a.createdAt - b.createdAt);
    if (pair.length === 2) setDetail({ mode: 'diff', from: pair[0]!, to: pair[1]! });
  };

  return (
    <ReviewDrawer title="历史版本" subtitle={`${section.number}、${section.title} · ${section.department}`} onClose={onClose} wide>
      {detail ? (
        <>
          <button type="button" className="thread-link history-back" onClick={() => setDetail(null)}>‹ 返回版本列表</button>
          {detail.mode === 'view'
            ? <VersionPreview version={detail.version} canRestore={section.canEdit} onCompare={() => setDetail({ mode: 'diff', from: detail.version, to: 'current' })}
              onRestored={() => setDetail(null)} />
            : <VersionCompare from={detail.from} to={detail.to} />}
        </>
      ) : (
        <>
          {review.report.canComment && <SaveVersionForm reportId={reportId} sectionKey={sectionKey} onSaved={load} />}
          {failure && <p className="form-error">{failure}</p>}
          {versions === null ? <p className="muted">正在加载…</p> : versions.length === 0 ? (
            <p className="muted history-empty">还没有版本。提交、通过、定稿时以及编辑过程中会自动保存版本，也可以手动保存。</p>
          ) : (
            <>
              <div className="history-compare-bar">
                <span className="muted">勾选两个版本可以相互比较</span>
                <button type="button" className="review-button" disabled={chosen.length !== 2} onClick={compareChosen}>比较所选版本</button>
              </div>
              <ol className="version-list">
                {versions.map((version) => (
                  <li key={version.id} className="version-item" data-kind={version.kind}>
                    <input type="checkbox" aria-label="选择以比较" checked={chosen.includes(version.id)} onChange={() => toggle(version.id)} />
                    <div className="version-main">
                      <div className="version-title">
                        <span className={`version-kind is-${version.kind}`}>{VERSION_KIND_LABELS[version.kind]}</span>
                        {version.name && <span className="version-name">{version.name}</span>}
                      </div>
                      <div className="version-meta">
                        <time title={formatFullTime(version.createdAt)}>{formatTime(version.createdAt)}</time>
                        {version.actor && <span>· {version.actor}</span>}
                        {version.editors.length > 0 && <span>· 修改人：{version.editors.join('、')}</span>}
                      </div>
                    </div>
                    <div className="version-actions">
                      <button type="button" className="review-button is-quiet" onClick={() => setDetail({ mode: 'view', version })}>查看</button>
                      <button type="button" className="review-button is-quiet" onClick={() => setDetail({ mode: 'diff', from: version, to: 'current' })}>与当前比较</button>
                    </div>
                  </li>
                ))}
              </ol>
            </>
          )}
        </>
      )}
    </ReviewDrawer>
  );
}

function SaveVersionForm({ reportId, sectionKey, onSaved }: { reportId: string; sectionKey: string; onSaved(): void }) {
  const review = useReview();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const save = async () => {
    if (!review || !name.trim()) return;
    setBusy(true);
    const done = await review.run(() => api('POST', `/api/reports/${encodeURIComponent(reportId)}/sections/${encodeURIComponent(sectionKey)}/versions`, { name: name.trim() }));
    setBusy(false);
    if (done) {
      setName('');
      onSaved();
    }
  };
  return (
    <form className="version-save" onSubmit={(event) => { event.preventDefault(); void save(); }}>
      <input value={name} maxLength={100} placeholder="版本名称，例如：校长会前定稿" aria-label="版本名称" onChange={(e) => setName(e.target.value)} />
      <button type="submit" className="review-button is-primary" disabled={busy || !name.trim()}>保存版本</button>
    </form>
  );
}

function versionLabel(version: VersionView): string {
  return `${VERSION_KIND_LABELS[version.kind]}${version.name ? `「${version.name}」` : ''} · ${formatTime(version.createdAt)}`;
}

/** A version's text, rendered read-only with the report's own schema. */
function VersionPreview({ version, canRestore, onCompare, onRestored }: { version: VersionView; canRestore: boolean; onCompare(): void; onRestored(): void }) {
  const review = useReview();
  const [content, setContent] = useState<JSONContent | null>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [confirm, setConfirm] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api<{ content: JSONContent }>('GET', `/api/versions/${encodeURIComponent(version.id)}`)
      .then(({ content: json }) => !cancelled && setContent(json)).catch(() => !cancelled && setContent({ type: 'doc', content: [] }));
    return () => { cancelled = true; };
  }, [version.id]);

  useEffect(() => {
    if (!content) return;
    const viewer = new Editor({
      editable: false, extensions: documentExtensions(), content,
      editorProps: { attributes: { class: 'section-text version-text', 'aria-label': '版本内容' } },
    });
    setEditor(viewer);
    return () => viewer.destroy();
  }, [content]);

  const restore = async () => {
    if (!review) return;
    setBusy(true);
    const done = await review.run(() => api('POST', `/api/versions/${encodeURIComponent(version.id)}/restore`));
    setBusy(false);
    if (done) {
      setConfirm(false);
      onRestored();
    }
  };

  return (
    <div className="version-detail">
      <div className="version-detail-head">
        <div>
          <div className="version-detail-title">{versionLabel(version)}</div>
          <div className="version-meta">{version.actor ?? '系统'}{version.editors.length > 0 && ` · 修改人：${version.editors.join('、')}`}</div>
        </div>
        <div className="version-actions">
          <button type="button" className="review-button" onClick={onCompare}>与当前比较</button>
          {canRestore && <button type="button" className="review-button is-primary" onClick={() => setConfirm(true)}>恢复此版本</button>}
        </div>
      </div>
      <div className="version-paper">
        {editor ? <EditorContent editor={editor} /> : <p className="muted">正在加载…</p>}
      </div>
      {confirm && (
        <ReviewDialog title="恢复此版本" onClose={() => setConfirm(false)}>
          <p className="review-dialog-text">
            本部分的当前内容将被替换为「{versionLabel(version)}」的内容。替换前的内容会先保存为「恢复前」版本，可以随时找回。
          </p>
          <div className="review-dialog-actions">
            <button type="button" className="button-quiet" onClick={() => setConfirm(false)}>取消</button>
            <button type="button" className="button-primary" disabled={busy} onClick={() => void restore()}>恢复</button>
          </div>
        </ReviewDialog>
      )}
    </div>
  );
}

/** What changed from one version to another (or to the current text). */
function VersionCompare({ from, to }: { from: VersionView; to: VersionView | 'current' }) {
  const [diff, setDiff] = useState<VersionDiff | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const against = to === 'current' ? 'current' : to.id;
  useEffect(() => {
    let cancelled = false;
    setDiff(null);
    api<VersionDiff>('GET', `/api/versions/${encodeURIComponent(from.id)}/diff?against=${encodeURIComponent(against)}`)
      .then((result) => !cancelled && setDiff(result))
      .catch((error: unknown) => !cancelled && setFailure(error instanceof ApiFailure ? error.message : '比较失败'));
    return () => { cancelled = true; };
  }, [from.id, against]);

  const changed = diff?.blocks.filter((b) => b.kind !== 'same').length ?? 0;
  return (
    <div className="version-detail">
      <div className="version-detail-head">
        <div>
          <div className="version-detail-title">{versionLabel(from)} → {to === 'current' ? '当前内容' : versionLabel(to)}</div>
          {diff && <div className="version-meta diff-editors">修改人：{diff.editors.length > 0 ? diff.editors.join('、') : '无记录'} · {changed > 0 ? `${changed} 处改动` : '没有改动'}</div>}
        </div>
        <div className="diff-legend"><ins>新增</ins><del>删除</del></div>
      </div>
      {failure && <p className="form-error">{failure}</p>}
      {!diff && !failure && <p className="muted">正在比较…</p>}
      {diff && <div className="version-paper diff-view">{diff.blocks.map((block, i) => <DiffBlock key={i} block={block} />)}</div>}
    </div>
  );
}

function DiffBlock({ block }: { block: BlockDiff }) {
  switch (block.kind) {
    case 'same': return <p className="diff-block is-same">{block.text || '\u00a0'}</p>;
    case 'added': return <p className="diff-block is-added"><ins>{block.text || '（空段落）'}</ins></p>;
    case 'removed': return <p className="diff-block is-removed"><del>{block.text || '（空段落）'}</del></p>;
    case 'changed': return (
      <p className="diff-block is-changed">
        {block.segments.map((segment, i) => segment.op === 'insert' ? <ins key={i}>{segment.text}</ins>
          : segment.op === 'delete' ? <del key={i}>{segment.text}</del> : <span key={i}>{segment.text}</span>)}
      </p>
    );
  }
}
