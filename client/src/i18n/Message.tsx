import { Fragment, type ReactNode } from 'react';
import { useI18n } from './i18n-context.js';
import type { MessageKey } from './messages-en.js';

/**
 * A message whose parameters are elements (a name in <bdi>, a link), placed where the translation puts
 * them: word order differs between languages, so the sentence is never glued together in code.
 */
export function Message({ id, params }: { id: MessageKey; params: Readonly<Record<string, ReactNode>> }) {
  const { language } = useI18n();
  const parts = language.messages[id].split(/\{(\w+)\}/);
  return (
    <>
      {parts.map((part, index) => (
        // odd parts are placeholder names
        <Fragment key={index}>{index % 2 === 1 ? (part in params ? params[part] : `{${part}}`) : part}</Fragment>
      ))}
    </>
  );
}
