import type { Questionnaire } from '@medplum/fhirtypes';
import { useMemo } from 'react';
import { directionOf } from '../i18n/languages.js';
import type { AnswerStore } from './answer-store.js';
import { FormContextProvider, type FormIssues } from './form-context.js';
import { ItemList } from './ItemSwitcher.js';
import { ScorePreviewPanel, useScorePreview } from './ScorePreviewPanel.js';

interface QuestionnaireFormProps {
  questionnaire: Questionnaire;
  store: AnswerStore;
  issues: FormIssues;
}

/**
 * The items of a Questionnaire, worded as the server sent them. The form carries the Questionnaire's own
 * language and direction, so English instrument text inside an Arabic page still reads left to right. Above
 * it, the score as it stands; under a critical answer, the warning with what to do now.
 */
export function QuestionnaireForm({ questionnaire, store, issues }: QuestionnaireFormProps) {
  const language = questionnaire.language;
  const { scores, alerts } = useScorePreview(questionnaire, store);
  const context = useMemo(() => ({ store, issues, formLanguage: language, alerts }), [store, issues, language, alerts]);
  return (
    <FormContextProvider value={context}>
      <ScorePreviewPanel scores={scores} />
      <div className="questionnaire" lang={language} dir={directionOf(language)}>
        <ItemList items={questionnaire.item} prefix="" />
      </div>
    </FormContextProvider>
  );
}
