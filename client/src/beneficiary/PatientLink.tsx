import type { Patient } from '@medplum/fhirtypes';
import { Link } from '../routing/router.js';
import { PatientName } from './PatientName.js';

/** A link to the record of the person a reference names, when they are among `patients`; nothing otherwise. */
export function PatientLink({ reference, patients }: { reference: string | undefined; patients: ReadonlyMap<string, Patient> }) {
  const patient = patients.get(reference ?? '');
  if (!patient?.id) return null;
  return (
    <Link to={`/patients/${encodeURIComponent(patient.id)}`}>
      <PatientName patient={patient} />
    </Link>
  );
}
