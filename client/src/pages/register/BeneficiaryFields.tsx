import { Field } from '../../components/Field.js';
import { Fieldset } from '../../components/Fieldset.js';
import type { BeneficiaryDraft, BeneficiaryField } from '../../beneficiary/beneficiary-draft.js';
import { governorateOptions } from '../../beneficiary/governorates.js';
import { Select } from '../../components/Select.js';
import { useI18n } from '../../i18n/i18n-context.js';

interface BeneficiaryFieldsProps {
  draft: BeneficiaryDraft;
  errors: Partial<Record<BeneficiaryField, readonly string[]>>;
  onChange(draft: BeneficiaryDraft): void;
}

const genders = ['female', 'male', 'other', 'unknown'] as const;

/** Display only: the registration fields for a draft, with each field's errors beside it. */
export function BeneficiaryFields({ draft, errors, onChange }: BeneficiaryFieldsProps) {
  const { t } = useI18n();
  const set = <K extends keyof BeneficiaryDraft>(key: K, value: BeneficiaryDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <>
      <Field id="beneficiary-name-arabic" label={t('register.nameArabic')} hint={t('register.nameHint')} errors={errors.nameArabicScript}>
        {(control) => <input {...control} name="nameArabicScript" dir="rtl" lang="ar" autoComplete="off" value={draft.nameArabicScript} onChange={(e) => set('nameArabicScript', e.target.value)} />}
      </Field>
      <Field id="beneficiary-name-latin" label={t('register.nameLatin')} hint={t('register.nameHint')} errors={errors.nameLatin}>
        {(control) => <input {...control} name="nameLatin" dir="ltr" lang="en" autoComplete="off" value={draft.nameLatin} onChange={(e) => set('nameLatin', e.target.value)} />}
      </Field>
      <Field id="beneficiary-gender" label={t('patient.gender')} errors={errors.gender} required>
        {(control) => (
          <select {...control} name="gender" value={draft.gender} onChange={(e) => set('gender', e.target.value as BeneficiaryDraft['gender'])}>
            <option value="">{t('common.choose')}</option>
            {genders.map((gender) => (
              <option key={gender} value={gender}>
                {t(`gender.${gender}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Fieldset id="beneficiary-birth" legend={t('register.birth')} className="fieldset--birth">
        <div className="options">
          <label className="option">
            <input type="radio" name="birthMode" checked={draft.birthMode === 'date'} onChange={() => set('birthMode', 'date')} />
            <span>{t('register.birthKnown')}</span>
          </label>
          <label className="option">
            <input type="radio" name="birthMode" checked={draft.birthMode === 'estimated-age'} onChange={() => set('birthMode', 'estimated-age')} />
            <span>{t('register.ageEstimated')}</span>
          </label>
        </div>
        {draft.birthMode === 'date' ? (
          <Field id="beneficiary-birth-date" label={t('patient.birthDate')} errors={errors.birthDate}>
            {(control) => <input {...control} name="birthDate" type="date" value={draft.birthDate} onChange={(e) => set('birthDate', e.target.value)} />}
          </Field>
        ) : (
          <Field id="beneficiary-estimated-age" label={t('register.estimatedAge')} errors={errors.estimatedAge}>
            {(control) => (
              <input {...control} name="estimatedAge" inputMode="numeric" className="input--short" value={draft.estimatedAge} onChange={(e) => set('estimatedAge', e.target.value)} />
            )}
          </Field>
        )}
      </Fieldset>
      <Field id="beneficiary-governorate" label={t('patient.governorate')} errors={errors.governorate}>
        {(control) => (
          <Select control={control} name="governorate" value={draft.governorate} onChange={(v) => set('governorate', v)} blank={t('common.choose')} options={governorateOptions(t)} />
        )}
      </Field>
    </>
  );
}
