import type { Bundle, Patient } from '@medplum/fhirtypes';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error.js';
import { noFieldIssues, sortIssuesByField, type FieldIssues } from '../../api/field-issues.js';
import { useAsync } from '../../api/use-async.js';
import { usePrincipal, useSession } from '../../auth/session-context.js';
import { activityOf, loadGroupDetail, type GroupDetail } from '../../clinical/activity-groups.js';
import { attendanceParameters, meetingFieldOf, meetingProblems, type MeetingDraft, type MeetingField } from '../../clinical/group-meeting.js';
import { loadStaff, type StaffMember } from '../../clinical/staff-directory.js';
import { today } from '../../clinical/today.js';
import { AsyncContent } from '../../components/AsyncContent.js';
import { describeError } from '../../components/describe-error.js';
import { ErrorSummary } from '../../components/ErrorSummary.js';
import { Field } from '../../components/Field.js';
import { usePageTitle } from '../../components/use-page-title.js';
import { useI18n } from '../../i18n/i18n-context.js';
import { Message } from '../../i18n/Message.js';
import { navigate } from '../../routing/router.js';
import { ActivitySelect } from './ActivitySelect.js';
import { AttendanceList } from './AttendanceList.js';

const FACILITATOR_ROLES = ['caseworker', 'psychologist', 'psychiatrist', 'supervisor'] as const;

/** Recording one meeting of a group: when, for how long, who ran it, what it was, and who came. */
export function RecordMeetingPage({ groupId }: { groupId: string }) {
  const { fhir } = useSession();
  const principal = usePrincipal();
  const loaded = useAsync(async () => {
    const [detail, staff] = await Promise.all([loadGroupDetail(fhir, groupId), loadStaff(fhir, FACILITATOR_ROLES, principal.organization.id)]);
    return { detail, staff };
  }, [fhir, groupId, principal.organization.id]);
  return <AsyncContent state={loaded}>{({ detail, staff }) => <MeetingForm detail={detail} staff={staff} />}</AsyncContent>;
}

function MeetingForm({ detail, staff }: { detail: GroupDetail; staff: readonly StaffMember[] }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { fhir } = useSession();
  const principal = usePrincipal();
  const { group } = detail;
  const name = group.name ?? t('groups.unnamed');
  usePageTitle(t('groups.meeting.title', { group: name }));
  const [draft, setDraft] = useState<MeetingDraft>({
    date: today(),
    startTime: '10:00',
    duration: '90',
    facilitator: principal.practitionerId,
    activity: activityOf(group) ?? '',
    site: principal.sites[0]?.id ?? '',
    topic: '',
    attendees: [],
  });
  // Beneficiaries found by search and added to this meeting (they become members when it is saved).
  const [added, setAdded] = useState<Patient[]>([]);
  const [issues, setIssues] = useState<FieldIssues<MeetingField>>(noFieldIssues);
  const [refused, setRefused] = useState(false);
  const [saving, setSaving] = useState(false);
  const set = (change: Partial<MeetingDraft>) => setDraft((current) => ({ ...current, ...change }));
  // The facilitator list always holds the caller, also one the directory does not list.
  const facilitators = staff.some((s) => s.practitionerId === principal.practitionerId)
    ? staff
    : [{ practitionerId: principal.practitionerId, name: principal.displayName, role: principal.role }, ...staff];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = meetingProblems(draft);
    if (Object.keys(problems).length > 0) {
      const byField = Object.fromEntries(Object.entries(problems).map(([field, key]) => [field, [t(key)]])) as FieldIssues<MeetingField>['byField'];
      setIssues({ byField, general: [] });
      setRefused(true);
      return;
    }
    setSaving(true);
    try {
      await fhir.operation<Bundle>(`Group/${encodeURIComponent(group.id)}/$record-attendance`, attendanceParameters(draft));
      navigate(`/groups/${encodeURIComponent(group.id)}`);
    } catch (error) {
      setIssues(error instanceof ApiError ? sortIssuesByField(error.issues, meetingFieldOf, i18n.describeIssue) : { byField: {}, general: [describeError(error, i18n)] });
      setRefused(true);
      setSaving(false);
    }
  };

  return (
    <>
      <h1>
        <Message id="groups.meeting.title" params={{ group: <bdi>{name}</bdi> }} />
      </h1>
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        {refused ? <ErrorSummary title={t('groups.meeting.notSaved')} messages={issues.general} /> : null}
        <Field id="meeting-date" label={t('groups.meeting.date')} errors={issues.byField.date} required>
          {(control) => <input {...control} type="date" name="date" value={draft.date} max={today()} onChange={(e) => set({ date: e.target.value })} />}
        </Field>
        <Field id="meeting-start" label={t('groups.meeting.startTime')} errors={issues.byField.startTime} required>
          {(control) => <input {...control} type="time" name="startTime" value={draft.startTime} onChange={(e) => set({ startTime: e.target.value })} />}
        </Field>
        <Field id="meeting-duration" label={t('groups.meeting.duration')} errors={issues.byField.duration}>
          {(control) => (
            <input {...control} type="text" inputMode="numeric" name="duration" className="input--short" value={draft.duration} onChange={(e) => set({ duration: e.target.value })} />
          )}
        </Field>
        <Field id="meeting-facilitator" label={t('groups.meeting.facilitator')} errors={issues.byField.facilitator} required>
          {(control) => (
            <select {...control} name="facilitator" value={draft.facilitator} onChange={(e) => set({ facilitator: e.target.value })}>
              {facilitators.map((member) => (
                <option key={member.practitionerId} value={member.practitionerId}>
                  {member.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="meeting-activity" label={t('groups.activity')} errors={issues.byField.activity} required>
          {(control) => <ActivitySelect control={control} value={draft.activity} onChange={(code) => set({ activity: code })} />}
        </Field>
        <Field id="meeting-site" label={t('groups.meeting.site')} errors={issues.byField.site} required>
          {(control) => (
            <select {...control} name="site" value={draft.site} onChange={(e) => set({ site: e.target.value })}>
              <option value="">{t('common.choose')}</option>
              {principal.sites.map((site) => (
                <option key={site.id} value={site.id}>
                  {site.name ?? site.id}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="meeting-topic" label={t('groups.meeting.topic')} hint={t('groups.meeting.topicHint')} errors={issues.byField.topic}>
          {(control) => <input {...control} name="topic" dir="auto" value={draft.topic} onChange={(e) => set({ topic: e.target.value })} />}
        </Field>
        <AttendanceList
          members={detail.members}
          added={added}
          attendees={draft.attendees}
          errors={issues.byField.attendees}
          onChange={(attendees) => set({ attendees })}
          onAdd={(patient) => {
            setAdded((current) => (current.some((p) => p.id === patient.id) ? current : [...current, patient]));
            set({ attendees: draft.attendees.includes(patient.id ?? '') ? draft.attendees : [...draft.attendees, patient.id ?? ''] });
          }}
        />
        <div className="form__actions">
          <button type="submit" disabled={saving}>
            {saving ? t('common.saving') : t('groups.meeting.save')}
          </button>
        </div>
      </form>
    </>
  );
}
