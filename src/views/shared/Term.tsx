import './glossary.css';
import type { ReactNode } from 'react';
import { useId, useState } from 'react';
import type { GlossaryEntry } from '../../lesson/glossary';
import { glossaryEntry, markTerms } from '../../lesson/glossary';

interface Place {
  readonly left: number;
  readonly top: number;
}

/**
 * A kernel term that explains itself: on hover and on keyboard focus a card gives the plain words
 * and the kernel source; Escape closes it (WCAG 1.4.13). The explanation is also the term's
 * accessible description, so a screen reader hears it without the card.
 */
export function Term({ id, children }: { id: string; children: ReactNode }) {
  const entry = glossaryEntry(id);
  if (!entry) return <>{children}</>;
  return <TermCard entry={entry}>{children}</TermCard>;
}

function TermCard({ entry, children }: { entry: GlossaryEntry; children: ReactNode }) {
  const desc = useId();
  const [place, setPlace] = useState<Place | null>(null);
  const open = (el: HTMLElement) => {
    const r = el.getBoundingClientRect();
    // Fixed, so that a scrolling panel does not clip it; kept inside the viewport.
    const left = Math.max(4, Math.min(r.left, window.innerWidth - 324));
    const below = r.bottom + 6;
    setPlace({ left, top: below + 140 > window.innerHeight ? Math.max(4, r.top - 146) : below });
  };
  return (
    <span
      className="term"
      tabIndex={0}
      aria-describedby={desc}
      data-term={entry.id}
      onMouseEnter={(e) => {
        open(e.currentTarget);
      }}
      onMouseLeave={() => {
        setPlace(null);
      }}
      onFocus={(e) => {
        open(e.currentTarget);
      }}
      onBlur={() => {
        setPlace(null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && place) {
          e.stopPropagation();
          setPlace(null);
        }
      }}
    >
      {children}
      <span id={desc} className="sr-only">
        {entry.plain} Kernel source: {entry.source}.
      </span>
      {place && (
        <span
          className="term-card"
          role="tooltip"
          data-testid="term-card"
          style={{ left: place.left, top: place.top }}
          aria-hidden="true"
        >
          <strong>{entry.terms[0]}</strong> {entry.plain}
          <span className="term-source">{entry.source}</span>
        </span>
      )}
    </span>
  );
}

/** Text with its glossary terms marked (the first mention of each). */
export function GlossaryText({ text }: { text: string }) {
  return (
    <>
      {markTerms(text).map((p, i) =>
        typeof p === 'string' ? (
          p
        ) : (
          <TermCard key={i} entry={p.entry}>
            {p.text}
          </TermCard>
        ),
      )}
    </>
  );
}
