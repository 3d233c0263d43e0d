import type { ScorePoint } from '../../clinical/score-series.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { en, type MessageKey } from '../../i18n/messages-en.js';

/** A score as recorded: the number, or why there is none. */
export function ScoreValue({ point }: { point: ScorePoint }) {
  const { t } = useI18n();
  if (point.value !== undefined) return <strong>{point.value}</strong>;
  if (point.valueText) return <>{point.computed ? point.valueText : `${t('scores.notComputed')} (${point.valueText})`}</>;
  return <>{t('scores.notComputed')}</>;
}

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(en, key);

/** A band's name in the interface language where the catalogue has it, else as the server words it. */
export function useBandName(): (code: string | undefined, display: string) => string {
  const { t } = useI18n();
  return (code, display) => {
    const key = `band.${code ?? ''}`;
    return code !== undefined && isMessageKey(key) ? t(key) : display;
  };
}

/** Every band a score was given, one per norm table (the SDQ has a three-band and a four-band table). */
export function BandsText({ point }: { point: ScorePoint | undefined }) {
  const bandName = useBandName();
  const bands = point?.bands ?? (point?.band ? [{ display: point.band }] : []);
  return <>{bands.map((band) => bandName(band.code, band.display)).join(' · ')}</>;
}
