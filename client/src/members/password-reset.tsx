import { useState, type FormEvent } from 'react';
import { api, ApiFailure } from '../api.js';
import { MIN_PASSWORD_LENGTH, type Member } from '../../../shared/api.js';

/** Inline form that sets a new password for a colleague; their open sessions end. */
export function PasswordReset({ member, onDone }: { member: Member; onDone(message: string | null): void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) return setError(`新密码至少 ${MIN_PASSWORD_LENGTH} 位`);
    try {
      await api('POST', `/api/users/${encodeURIComponent(member.id)}/password`, { password });
      onDone(`已为 ${member.displayName} 重置密码，其已登录的会话已退出`);
    } catch (failure) {
      setError(failure instanceof ApiFailure ? failure.message : '重置失败');
    }
  };

  return (
    <form className="password-reset" onSubmit={submit}>
      <input type="password" autoComplete="new-password" placeholder={`${member.displayName} 的新密码`} autoFocus
        aria-label={`${member.displayName} 的新密码`} value={password} onChange={(e) => setPassword(e.target.value)} />
      <button className="button-primary" type="submit">确定</button>
      <button className="button-quiet" type="button" onClick={() => onDone(null)}>取消</button>
      {error && <span className="form-error">{error}</span>}
    </form>
  );
}
