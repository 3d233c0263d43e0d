import type { Questionnaire } from '@medplum/fhirtypes';
import { useMemo } from 'react';
import type { Score } from '../../../questionnaires/index.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useStoreValue, type AnswerStore } from './answer-store.js';
import { previewScores, type ScorePreview } from './score-preview.js';

/** The scores and critical answers of the answers so far, recomputed only when an answer changes. */
export function useScorePreview(questionnaire: Questionnaire, store: AnswerStore): ScorePreview {
  // `answers` only marks a change: previewScores reads the store itself
  const answers = useStoreValue(store, () => store.byKey());
  return useMemo(() => previewScores(questionnaire, store), [questionnaire, store, answers]);
}

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

/** Display only: the instrument's scores as they stand while the form is filled (nothing for an unscored form). */
export function ScorePreviewPanel({ scores }: { scores: ScorePreview['scores'] }) {
  const { t } = useI18n();
  if (scores.length === 0) return null;
  return (
    <aside className="score-preview" aria-labelledby="score-preview-title">
      <h2 id="score-preview-title" className="score-preview__heading">
        {t('preview.title')}
      </h2>
      <ul>
        {scores.map((score) => (
          <ScoreLine key={score.code.code} score={score} />
        ))}
      </ul>
      <p className="muted small">{t('preview.note')}</p>
    </aside>
  );
}
