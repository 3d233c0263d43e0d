import type { ReactNode } from 'react';

/** Display only: a group of items under its heading. */
export function GroupFieldset({ id, title, children }: { id: string; title: string | undefined; children: ReactNode }) {
  return (
    <section className="question-group" aria-labelledby={title ? `${id}-title` : undefined}>
      {title ? (
        <h3 id={`${id}-title`} className="question-group__title">
          {title}
        </h3>
      ) : null}
      {children}
    </section>
  );
}
