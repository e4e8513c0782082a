import './notices.css';
import { dismiss, useNotices, type Notice } from './notices';

function NoticeItem({ n }: { n: Notice }) {
  return (
    <div
      className={`notice notice-${n.kind}`}
      role={n.kind === 'info' ? 'status' : 'alert'}
      data-testid={`notice-${n.source}`}
    >
      <span className="notice-icon" aria-hidden="true">
        {n.kind === 'error' ? '!' : n.kind === 'warning' ? '▲' : 'i'}
      </span>
      <p className="notice-text">{n.text}</p>
      {n.action && (
        <button
          type="button"
          onClick={() => {
            n.action?.run();
            dismiss(n.id);
          }}
        >
          {n.action.label}
        </button>
      )}
      <button
        type="button"
        className="notice-close"
        aria-label="Dismiss message"
        onClick={() => {
          dismiss(n.id);
        }}
      >
        ×
      </button>
    </div>
  );
}

/** Refused links and files, warnings, a restored draft: above the views, until dismissed. */
export function Notices() {
  const list = useNotices();
  if (list.length === 0) return null;
  return (
    <div className="notices" data-testid="notices">
      {list.map((n) => (
        <NoticeItem key={n.id} n={n} />
      ))}
    </div>
  );
}
