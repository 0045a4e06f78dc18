import { CONNECTION_LABELS, type ReportConnection } from './connection-state.js';

export function ConnectionIndicator({ state }: { state: ReportConnection }) {
  return (
    <div className={`connection connection-${state}`} role="status" aria-live="polite" data-state={state}>
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{CONNECTION_LABELS[state]}</span>
    </div>
  );
}
