import { sessionModalities } from '../../clinical/service-session.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n-context.js';

/** How a service was delivered, from Hiwa's modality CodeSystem (its English displays, as the catalogue has them). */
export function ModalityField({ id, value, onChange }: { id: string; value: string; onChange(code: string): void }) {
  const { t } = useI18n();
  return (
    <Field id={id} label={t('session.modality')}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('common.choose')}</option>
          {sessionModalities.map((modality) => (
            <option key={modality.code} value={modality.code} lang="en" dir="ltr">
              {modality.display}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
