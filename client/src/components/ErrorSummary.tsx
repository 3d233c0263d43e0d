import { useEffect, useRef } from 'react';

interface ErrorSummaryProps {
  title: string;
  /** messages that belong to no single field */
  messages?: readonly string[];
}

/**
 * The box above a form that says it was refused. It takes focus when it appears so that keyboard and
 * screen-reader users learn of the failure; the field errors themselves sit at their fields.
 */
export function ErrorSummary({ title, messages = [] }: ErrorSummaryProps) {
  const box = useRef<HTMLDivElement>(null);
  // Focus moves when what the box says changes, not on every render of the form around it (typing).
  const said = [title, ...messages].join('\n');
  useEffect(() => {
    box.current?.focus();
  }, [said]);
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box}>
      <p className="error-summary__title">{title}</p>
      {messages.length > 0 ? (
        <ul>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
