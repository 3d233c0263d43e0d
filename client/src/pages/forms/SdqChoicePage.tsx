import type { Patient } from '@medplum/fhirtypes';
import { useState } from 'react';
import { useAsync } from '../../api/use-async.js';
import { useSession } from '../../auth/session-context.js';
import { PatientAge } from '../../beneficiary/PatientAge.js';
import { ageInYears } from '../../beneficiary/patient-age.js';
import { usePatientName } from '../../beneficiary/PatientName.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { Fieldset } from '../../components/Fieldset.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import { formLabel } from '../../questionnaire/instruments.js';
import { chooseSdqVersion, SDQ_AGES, SDQ_VERSION_OFFERS, sdqInformantsFor, type SdqInformant } from '../../questionnaire/sdq-version-choice.js';
import { Link } from '../../routing/router.js';

/**
 * Which SDQ to fill in about a beneficiary: the version follows from their age and who answers (a parent,
 * a teacher, or the young person themselves, 11–17 only). Without a recorded age every version is listed
 * with its ages, for the person filling in to choose.
 */
export function SdqChoicePage({ patientId }: { patientId: string }) {
  const { t } = useI18n();
  const { fhir } = useSession();
  const loaded = useAsync(() => fhir.read<Patient>('Patient', patientId), [fhir, patientId]);
  const patientName = usePatientName(loaded.status === 'done' ? loaded.value : undefined);
  usePageTitle(t('forms.responseTitle', { form: 'SDQ', patient: patientName }));
  return (
    <>
      <h1>
        <Message id="forms.responseTitle" params={{ form: 'SDQ', patient: <bdi>{patientName}</bdi> }} />
      </h1>
      <AsyncContent state={loaded}>{(patient) => <SdqChoice patient={patient} />}</AsyncContent>
    </>
  );
}

function SdqChoice({ patient }: { patient: Patient }) {
  const { t } = useI18n();
  const age = ageInYears(patient.birthDate, new Date());
  const informants = sdqInformantsFor(age);
  const [informant, setInformant] = useState<SdqInformant | undefined>(informants[0]);
  const screenPath = (slug: string) => `/patients/${encodeURIComponent(patient.id ?? '')}/screen/${slug}`;
  const backToRecord = (
    <p>
      <Link to={`/patients/${encodeURIComponent(patient.id ?? '')}`}>{t('sdq.backToRecord')}</Link>
    </p>
  );

  const ageLine = (
    <p>
      {t('sdq.age')}: <PatientAge patient={patient} />
    </p>
  );
  if (age === undefined) {
    return (
      <>
        {ageLine}
        <p>{t('sdq.ageUnknown')}</p>
        <ul className="sdq-versions">
          {SDQ_VERSION_OFFERS.map((offer) => (
            <li key={offer.form.slug}>
              <Link to={screenPath(offer.form.slug)}>{formLabel(offer.form, t)}</Link>
            </li>
          ))}
        </ul>
        {backToRecord}
      </>
    );
  }
  if (informants.length === 0) {
    return (
      <>
        {ageLine}
        <p className="notice">{t('sdq.outsideAges', { from: SDQ_AGES.from, to: SDQ_AGES.to })}</p>
        {backToRecord}
      </>
    );
  }
  const choice = informant === undefined ? undefined : chooseSdqVersion(age, informant);
  return (
    <>
      {ageLine}
      <div className="form">
        <Fieldset id="sdq-informant" legend={t('sdq.informant')} hint={informants.includes('self') ? undefined : t('sdq.selfOnlyOlder')}>
          <div className="options">
            {informants.map((option) => (
              <label key={option} className="option">
                <input type="radio" name="sdq-informant" checked={informant === option} onChange={() => setInformant(option)} />
                <span>{t(`sdq.informant.${option}`)}</span>
              </label>
            ))}
          </div>
        </Fieldset>
        {choice?.kind === 'version' ? (
          <div className="sdq-choice" aria-live="polite">
            <p>
              {t('sdq.versionChosen')}: <strong>{formLabel(choice.offer.form, t)}</strong>
            </p>
            <p className="muted small">{t('sdq.wordingLicensed')}</p>
            <p>
              <Link to={screenPath(choice.offer.form.slug)} className="button">
                {t('sdq.open', { version: formLabel(choice.offer.form, t) })}
              </Link>
            </p>
          </div>
        ) : null}
      </div>
      {backToRecord}
    </>
  );
}
