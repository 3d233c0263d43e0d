import type { Questionnaire } from '@medplum/fhirtypes';
import { useMemo } from 'react';
import { directionOf } from '../i18n/languages.js';
import type { AnswerStore } from './answer-store.js';
import { FormContextProvider, type FormIssues } from './form-context.js';
import { ItemList } from './ItemSwitcher.js';

interface QuestionnaireFormProps {
  questionnaire: Questionnaire;
  store: AnswerStore;
  issues: FormIssues;
}

/**
 * The items of a Questionnaire, worded as the server sent them. The form carries the Questionnaire's own
 * language and direction, so English instrument text inside an Arabic page still reads left to right.
 */
export function QuestionnaireForm({ questionnaire, store, issues }: QuestionnaireFormProps) {
  const language = questionnaire.language;
  const context = useMemo(() => ({ store, issues, formLanguage: language }), [store, issues, language]);
  return (
    <FormContextProvider value={context}>
      <div className="questionnaire" lang={language} dir={directionOf(language)}>
        <ItemList items={questionnaire.item} prefix="" />
      </div>
    </FormContextProvider>
  );
}
