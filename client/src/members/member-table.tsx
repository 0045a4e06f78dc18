import { useState } from 'react';
import type { Member } from '../../../shared/api.js';
import { ROLE_LABELS, type Role } from '../../../shared/roles.js';
import { api, ApiFailure } from '../api.js';
import { MemberEditDialog } from './member-edit-dialog.js';
import { PasswordReset } from './password-reset.js';

interface Props {
  members: Member[];
  currentUserId: string;
  departments: string[];
  /** The roles the signed-in user may give. */
  assignableRoles: readonly Role[];
  /** A member as the server answered after a change, to replace its row. */
  onUpdated(user: Member): void;
}

export function MemberTable({ members, currentUserId, departments, assignableRoles, onUpdated }: Props) {
  const [resetting, setResetting] = useState<string | null>(null);
  const [editing, setEditing] = useState<Member | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);

  const setDisabled = async (member: Member, disabled: boolean) => {
    try {
      const { user } = await api<{ user: Member }>('PATCH', `/api/users/${encodeURIComponent(member.id)}`, { disabled });
      setNotice({ kind: 'ok', text: `${member.displayName} 已${disabled ? '停用' : '启用'}` });
      onUpdated(user);
    } catch (failure) {
      setNotice({ kind: 'error', text: failure instanceof ApiFailure ? failure.message : '操作失败' });
    }
  };

  return (
    <div className="member-table-wrap">
      {notice && <p className={notice.kind === 'ok' ? 'notice' : 'form-error'} role="status">{notice.text}</p>}
      <table className="member-table">
        <thead>
          <tr><th>姓名</th><th>用户名</th><th>角色</th><th>部门</th><th>状态</th><th aria-label="操作" /></tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id} className={member.disabled ? 'is-disabled' : undefined}>
              <td>{member.displayName}</td>
              <td className="mono">{member.username}</td>
              <td>{ROLE_LABELS[member.role]}</td>
              <td>{member.department ?? '—'}</td>
              <td>{member.disabled ? <span className="tag tag-muted">已停用</span> : <span className="tag tag-ok">正常</span>}</td>
              <td className="member-actions">
                {!member.canManage ? (
                  <span className="muted">仅管理员可修改</span>
                ) : resetting === member.id ? (
                  <PasswordReset member={member} onDone={(text) => {
                    setResetting(null);
                    if (text) setNotice({ kind: 'ok', text });
                  }} />
                ) : (
                  <>
                    <button type="button" className="button-quiet" onClick={() => setEditing(member)}>修改</button>
                    <button type="button" className="button-quiet" onClick={() => setResetting(member.id)}>重置密码</button>
                    {member.id !== currentUserId && (
                      <button type="button" className="button-quiet" onClick={() => setDisabled(member, !member.disabled)}>
                        {member.disabled ? '启用' : '停用'}
                      </button>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <MemberEditDialog member={editing} departments={departments} roles={assignableRoles} isSelf={editing.id === currentUserId}
          onClose={() => setEditing(null)}
          onSaved={(user) => {
            setEditing(null);
            setNotice({ kind: 'ok', text: `已保存 ${user.displayName} 的修改` });
            onUpdated(user);
          }} />
      )}
    </div>
  );
}
