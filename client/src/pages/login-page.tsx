import { useState, type FormEvent } from 'react';
import type { LoginResponse, SessionUser } from '../../../shared/api.js';
import { api, ApiFailure } from '../api.js';

export function LoginPage({ onSignedIn }: { onSignedIn(user: SessionUser): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { user } = await api<LoginResponse>('POST', '/api/session', { username: username.trim(), password });
      onSignedIn(user);
    } catch (failure) {
      setError(loginErrorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit}>
        <div className="login-brand">共写</div>
        <h1 className="login-title">部门整体支出绩效自评报告</h1>
        <p className="login-subtitle">多部门在线协作撰写</p>
        <label className="field">
          <span className="field-label">用户名</span>
          <input name="username" autoComplete="username" value={username} autoFocus required
            onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">密码</span>
          <input name="password" type="password" autoComplete="current-password" value={password} required
            onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p className="form-error" role="alert">{error}</p>}
        <button className="button-primary login-submit" type="submit" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </div>
  );
}

function loginErrorMessage(failure: unknown): string {
  if (!(failure instanceof ApiFailure)) return '登录失败，请稍后重试';
  switch (failure.status) {
    case 401:
      return '用户名或密码错误';
    case 403:
      return '账号已停用，请联系管理员';
    case 429:
      return failure.retryAfterSeconds
        ? `尝试次数过多，请 ${Math.ceil(failure.retryAfterSeconds / 60)} 分钟后再试`
        : '尝试次数过多，请稍后再试';
    default:
      return failure.message;
  }
}
