import type { Questionnaire } from '@medplum/fhirtypes';
import { useMemo } from 'react';
import type { Score } from '../../../questionnaires/index.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useStoreValue, type AnswerStore } from './answer-store.js';
import { CriticalAnswerWarning } from './CriticalAnswerWarning.js';
import { previewScores } from './score-preview.js';

function ScoreLine({ score }: { score: Score }) {
  const { t, formatNumber } = useI18n();
  const band = score.bands[0]?.display;
  return (
    <li>
      <span className="score-preview__title">{score.title}</span>{' '}
      {score.outcome.status === 'computed' ? (
        <strong>
          {t('preview.value', { value: formatNumber(score.outcome.value), max: formatNumber(score.range.max) })}
          {band ? ` · ${band}` : ''}
        </strong>
      ) : (
        <span className="muted">{t('preview.incomplete')}</span>
      )}
    </li>
  );
}

/**
 * While a form is filled: the critical-answer warning first (before anything is saved), then the scores as
 * they stand. Recomputed only when an answer changes.
 */
export function ScorePreviewPanel({ questionnaire, store }: { questionnaire: Questionnaire; store: AnswerStore }) {
  const { t } = useI18n();
  const answers = useStoreValue(store, () => store.byKey());
  // `answers` only marks a change: previewScores reads the store itself
  const preview = useMemo(() => previewScores(questionnaire, store), [questionnaire, store, answers]);
  return (
    <>
      <CriticalAnswerWarning alerts={preview.alerts} />
      {preview.scores.length > 0 ? (
        <aside className="score-preview" aria-labelledby="score-preview-title">
          <h2 id="score-preview-title" className="score-preview__heading">
            {t('preview.title')}
          </h2>
          <ul>
            {preview.scores.map((score) => (
              <ScoreLine key={score.code.code} score={score} />
            ))}
          </ul>
          <p className="muted small">{t('preview.note')}</p>
        </aside>
      ) : null}
    </>
  );
}
