import './notices.css';
import { useEffect, useRef, useState } from 'react';
import {
  closesOnItsOwn,
  dismiss,
  dismissNewest,
  INFO_MS,
  useNotices,
  type Notice,
} from './notices';

function NoticeItem({ n }: { n: Notice }) {
  // The timer pauses while the pointer or the focus is on the notice (WCAG 2.2.1: a reader gets
  // the time they need); it restarts from the full delay when they leave.
  const [held, setHeld] = useState({ hover: false, focus: false });
  const timed = closesOnItsOwn(n) && !held.hover && !held.focus;
  useEffect(() => {
    if (!timed) return;
    const t = window.setTimeout(() => {
      dismiss(n.id);
    }, INFO_MS);
    return () => {
      window.clearTimeout(t);
    };
  }, [timed, n.id]);
  return (
    <div
      className={`notice notice-${n.kind}`}
      role={n.kind === 'info' ? 'status' : 'alert'}
      data-testid={`notice-${n.source}`}
      onPointerEnter={() => {
        setHeld((h) => ({ ...h, hover: true }));
      }}
      onPointerLeave={() => {
        setHeld((h) => ({ ...h, hover: false }));
      }}
      onFocus={() => {
        setHeld((h) => ({ ...h, focus: true }));
      }}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget)) setHeld((h) => ({ ...h, focus: false }));
      }}
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
        aria-label="Dismiss message (Escape)"
        onClick={() => {
          dismiss(n.id);
        }}
      >
        ×
      </button>
    </div>
  );
}

/**
 * Refused links and files, warnings, a restored draft: floating over the bottom of the page (the
 * layout never moves), until dismissed, Escape, or (infos) a few seconds.
 */
export function Notices() {
  const list = useNotices();
  const any = list.length > 0;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!any) return;
    // On the window, in the bubble phase: a popover, the tour, a glossary card or the presenter
    // consume their own Escape first (they preventDefault); what is left closes the newest notice.
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const hadFocus = box.current?.contains(document.activeElement) ?? false;
      if (dismissNewest()) {
        e.preventDefault();
        if (hadFocus) document.getElementById('main')?.focus({ preventScroll: true });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, [any]);
  if (!any) return null;
  return (
    <div className="notices" data-testid="notices" ref={box}>
      {list.map((n) => (
        <NoticeItem key={n.id} n={n} />
      ))}
    </div>
  );
}
