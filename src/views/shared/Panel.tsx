import type { ReactNode } from 'react';
import { useId, useRef } from 'react';
import { useStepFocus } from './useStepFocus';

interface Props {
  readonly title: string;
  /** Grid area and test hook, e.g. "page-tables". */
  readonly name: string;
  /** Controls or a short status shown in the title bar. */
  readonly tools?: ReactNode;
  readonly children: ReactNode;
}

/**
 * A titled region of the app; its body scrolls and can take focus for keyboard scrolling. When
 * the step on screen names it as its `focus`, it comes into view with a ring and says so.
 */
export function Panel({ title, name, tools, children }: Props) {
  const id = useId();
  const ref = useRef<HTMLElement>(null);
  const focused = useStepFocus(name, ref);
  return (
    <section
      ref={ref}
      className={`panel panel-${name}`}
      aria-labelledby={id}
      data-testid={`view-${name}`}
      data-focus={focused ? 'step' : undefined}
    >
      <header className="panel-head">
        <h2 id={id}>{title}</h2>
        {focused && (
          <span className="focus-tag" data-testid="focus-tag">
            look here
          </span>
        )}
        {tools}
      </header>
      <div className="panel-body" tabIndex={0} aria-labelledby={id} role="group">
        {children}
      </div>
    </section>
  );
}
