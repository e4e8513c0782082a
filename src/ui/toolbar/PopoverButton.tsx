import type { ReactNode } from 'react';
import { useEffect, useLayoutEffect, useRef } from 'react';
import { setModes } from '../modes';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly children: ReactNode;
}

/**
 * A button that opens a non-modal panel below it. Escape or a click outside closes it and focus
 * returns to the button.
 */
export function PopoverButton({ id, label, open, onToggle, children }: Props) {
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  // Below the button, kept inside the window (fixed, so no ancestor clips it).
  useLayoutEffect(() => {
    // Read nothing while closed: a layout read in a commit lays the page out inside React's task,
    // and every closed popover read its button in the boot's first commit.
    if (!open) return;
    const b = button.current?.getBoundingClientRect();
    const p = panel.current;
    if (!b || !p) return;
    const width = p.offsetWidth;
    const left = Math.max(8, Math.min(b.right - width, window.innerWidth - width - 8));
    p.style.setProperty('left', `${left}px`);
    p.style.setProperty('top', `${b.bottom + 4}px`);
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const close = (refocus: boolean) => {
      setModes({ popover: null });
      if (refocus) button.current?.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close(true);
      }
    };
    const onDown = (e: PointerEvent) => {
      if (wrap.current && e.target instanceof Node && !wrap.current.contains(e.target))
        close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
    };
  }, [open]);
  return (
    <div className="popover-wrap" ref={wrap}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={`popover-${id}`}
        data-testid={`${id}-toggle`}
        onClick={onToggle}
      >
        {label}
      </button>
      {open && (
        <div
          ref={panel}
          className="popover"
          id={`popover-${id}`}
          role="dialog"
          aria-label={label.replace('…', '')}
          data-testid={`popover-${id}`}
        >
          {children}
        </div>
      )}
    </div>
  );
}
