import { useEffect, useState } from 'react';
import type { Frame } from '../../store/model';
import { frameDigestAsync, knownDigest } from './digest';

/**
 * The frame's digest, on demand: nothing is hashed until the reader asks (issue 12: hashing the
 * state on every step cost 373 ms a step with 65,536 pages). Once asked, the panel follows the
 * steps, and each digest rehashes only the table nodes the step copied, in slices of a few ms.
 */
export function DigestLine({
  frame,
  cursor,
  last,
}: {
  readonly frame: Frame | null;
  readonly cursor: number;
  readonly last: number;
}) {
  const [asked, setAsked] = useState(false);
  const [shown, setShown] = useState<{ readonly frame: Frame; readonly digest: string } | null>(
    null,
  );
  useEffect(() => {
    if (!asked || frame === null) return;
    const stop = new AbortController();
    frameDigestAsync(frame, stop.signal).then(
      (digest) => {
        setShown({ frame, digest });
      },
      () => undefined,
    );
    return () => {
      stop.abort();
    };
  }, [asked, frame]);

  const digest = frame === null ? '—' : shown?.frame === frame ? shown.digest : knownDigest(frame);
  return (
    <p className="small">
      Step {cursor} of {last} · state digest{' '}
      {digest !== undefined ? (
        <code data-testid="frame-digest">{digest}</code>
      ) : asked ? (
        <span className="muted" role="status">
          computing…
        </span>
      ) : (
        <button
          type="button"
          data-testid="frame-digest-show"
          onClick={() => {
            setAsked(true);
          }}
        >
          Show digest
        </button>
      )}
    </p>
  );
}
