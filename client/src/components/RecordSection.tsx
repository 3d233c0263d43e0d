import type { ReactNode } from 'react';

interface RecordSectionProps {
  /** unique on the page; names the region for assistive technology */
  id: string;
  title: string;
  /** said instead of the content when there is nothing to show */
  emptyText: string;
  isEmpty: boolean;
  headingLevel?: 2 | 3;
  children: ReactNode;
  /** what can be done here (open a case), shown whether or not there is content */
  footer?: ReactNode;
}

/** One titled part of a record (cases, scores, tasks): a named region, or a plain line when it is empty. */
export function RecordSection({ id, title, emptyText, isEmpty, headingLevel = 2, children, footer }: RecordSectionProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <Heading id={`${id}-title`}>{title}</Heading>
      {isEmpty ? <p className="muted">{emptyText}</p> : children}
      {footer}
    </section>
  );
}
