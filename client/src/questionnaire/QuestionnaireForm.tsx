import type { Questionnaire } from '@medplum/fhirtypes';
import { useMemo } from 'react';
import { directionOf } from '../i18n/languages.js';
import type { AnswerStore } from './answer-store.js';
import { FormContextProvider } from './form-context.js';
import { ItemSwitcher } from './ItemSwitcher.js';

interface QuestionnaireFormProps {
  questionnaire: Questionnaire;
  store: AnswerStore;
  issuesByLinkId: ReadonlyMap<string, readonly string[]>;
}

/**
 * The items of a Questionnaire, worded as the server sent them. The form carries the Questionnaire's own
 * language and direction, so English instrument text inside an Arabic page still reads left to right.
 */
export function QuestionnaireForm({ questionnaire, store, issuesByLinkId }: QuestionnaireFormProps) {
  const context = useMemo(() => ({ store, issuesByLinkId }), [store, issuesByLinkId]);
  const language = questionnaire.language;
  const dir = directionOf(language);
  return (
    <FormContextProvider value={context}>
      <div className="questionnaire" lang={language} dir={dir}>
        {(questionnaire.item ?? []).map((item) => (
          <ItemSwitcher key={item.linkId} item={item} />
        ))}
      </div>
    </FormContextProvider>
  );
}
