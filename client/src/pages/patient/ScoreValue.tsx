import type { ScorePoint } from '../../clinical/score-series.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** A score as recorded: the number, or why there is none. */
export function ScoreValue({ point }: { point: ScorePoint }) {
  const { t } = useI18n();
  if (point.value !== undefined) return <strong>{point.value}</strong>;
  if (point.valueText) return <>{point.computed ? point.valueText : `${t('scores.notComputed')} (${point.valueText})`}</>;
  return <>{t('scores.notComputed')}</>;
}

/** Every band a score was given, one per norm table (the SDQ has a three-band and a four-band table). */
export const bandsText = (point: ScorePoint | undefined): string => (point?.bands ?? (point?.band ? [point.band] : [])).join(' · ');
