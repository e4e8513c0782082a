import type { ReactNode } from 'react';
import { useId } from 'react';

interface Props {
  readonly title: string;
  /** Grid area and test hook, e.g. "page-tables". */
  readonly name: string;
  /** Controls or a short status shown in the title bar. */
  readonly tools?: ReactNode;
  readonly children: ReactNode;
}

/** A titled region of the app; its body scrolls and can take focus for keyboard scrolling. */
export function Panel({ title, name, tools, children }: Props) {
  const id = useId();
  return (
    <section className={`panel panel-${name}`} aria-labelledby={id} data-testid={`view-${name}`}>
      <header className="panel-head">
        <h2 id={id}>{title}</h2>
        {tools}
      </header>
      <div className="panel-body" tabIndex={0} aria-labelledby={id} role="group">
        {children}
      </div>
    </section>
  );
}
