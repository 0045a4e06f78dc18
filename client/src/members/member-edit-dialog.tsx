import { useState, type FormEvent } from 'react';
import type { Member } from '../../../shared/api.js';
import type { Role } from '../../../shared/roles.js';
import { api, ApiFailure } from '../api.js';
import { Modal } from '../ui/modal.js';
import { RoleDepartmentFields } from './role-department-fields.js';

interface Props {
  member: Member;
  departments: string[];
  roles: readonly Role[];
  isSelf: boolean;
  onSaved(user: Member): void;
  onClose(): void;
}

/** 修改 a colleague's 显示名称, 角色 and 部门; a refusal stays in the dialog with the input kept. */
export function MemberEditDialog({ member, departments, roles, isSelf, onSaved, onClose }: Props) {
  const [form, setForm] = useState({ displayName: member.displayName, role: member.role, department: member.department ?? '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm((current) => ({ ...current, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await api<{ user: Member }>('PATCH', `/api/users/${encodeURIComponent(member.id)}`, {
        displayName: form.displayName.trim(),
        role: form.role,
        department: form.department || null,
      });
      onSaved(user);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : '保存失败，请重试');
      setBusy(false);
    }
  };

  return (
    <Modal title={`修改成员：${member.username}`} onClose={onClose}>
      <form className="modal-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">显示名称</span>
          <input name="displayName" required maxLength={32} value={form.displayName} onChange={(e) => set({ displayName: e.target.value })} />
        </label>
        <RoleDepartmentFields role={form.role} roles={roles} department={form.department} departments={departments} roleLocked={isSelf} onChange={set} />
        {error && <p className="form-error" role="alert">{error}</p>}
        <div className="modal-actions">
          <button type="button" className="button-quiet" onClick={onClose}>取消</button>
          <button type="submit" className="button-primary" disabled={busy}>{busy ? '正在保存…' : '保存'}</button>
        </div>
      </form>
    </Modal>
  );
}
