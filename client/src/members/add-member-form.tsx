import { useState, type FormEvent } from 'react';
import { MIN_PASSWORD_LENGTH } from '../../../shared/api.js';
import type { Role } from '../../../shared/roles.js';
import { api, ApiFailure } from '../api.js';
import { RoleDepartmentFields } from './role-department-fields.js';

interface Props {
  departments: string[];
  /** The roles the signed-in user may give. */
  roles: readonly Role[];
  onAdded(): void;
}

const EMPTY = { username: '', displayName: '', role: 'dept_head' as Role, department: '', password: '' };

export function AddMemberForm({ departments, roles, onAdded }: Props) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof EMPTY>) => setForm((current) => ({ ...current, ...patch }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (form.role === 'dept_head' && !form.department) return setError('部门负责人需要选择所属部门');
    if (form.password.length < MIN_PASSWORD_LENGTH) return setError(`初始密码至少 ${MIN_PASSWORD_LENGTH} 位`);
    setBusy(true);
    setError(null);
    try {
      await api('POST', '/api/users', {
        username: form.username.trim(),
        displayName: form.displayName.trim(),
        role: form.role,
        department: form.department || null,
        password: form.password,
      });
      setForm(EMPTY);
      onAdded();
    } catch (failure) {
      setError(failure instanceof ApiFailure && failure.code === 'username_taken'
        ? '该用户名已被使用'
        : failure instanceof ApiFailure ? failure.message : '添加失败');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="member-form" onSubmit={submit} aria-label="添加同事">
      <h2>添加同事</h2>
      <div className="member-form-grid">
        <label className="field">
          <span className="field-label">姓名</span>
          <input name="displayName" required value={form.displayName} onChange={(e) => set({ displayName: e.target.value })} />
        </label>
        <label className="field">
          <span className="field-label">用户名</span>
          <input name="username" required autoComplete="off" value={form.username}
            onChange={(e) => set({ username: e.target.value })} />
        </label>
        <RoleDepartmentFields role={form.role} roles={roles} department={form.department} departments={departments} onChange={set} />
        <label className="field">
          <span className="field-label">初始密码</span>
          <input name="password" type="password" autoComplete="new-password" required value={form.password}
            onChange={(e) => set({ password: e.target.value })} />
        </label>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
      <button className="button-primary" type="submit" disabled={busy}>{busy ? '正在添加…' : '添加'}</button>
    </form>
  );
}
