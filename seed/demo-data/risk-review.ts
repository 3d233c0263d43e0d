import type { Flag, Patient, Practitioner, QuestionnaireResponse, Reference, Task } from '@medplum/fhirtypes';
import { findResources } from '../../server/clinical/find-resources.js';
import { isSuicideRiskFlag } from '../../server/clinical/suicide-risk-flag.js';
import type { Repository } from '../../server/store/repository.js';
import type { DemoPerson } from './people.js';
import { completedResponse } from './responses.js';
import { DAY, dateOf, instant, plus } from './time.js';

/**
 * A clinician reviews a person's suicide-risk alerts: each active Flag the server's rules put up (one per
 * alerting form) is closed (the rule allows it for clinicians and records when) and its urgent review Task
 * completed with a note. Finding none means the rules did not alert as they must, and the seed stops there.
 */
export function reviewRiskAlerts(patient: Reference<Patient>, note: string): (repo: Repository) => Promise<void> {
  return async (repo) => {
    const raised = await findResources<Flag>(repo, 'Flag', [['patient', patient.reference ?? '']]);
    const flags = raised.filter((f) => f.status === 'active' && isSuicideRiskFlag(f));
    if (flags.length === 0) throw new Error(`demo data: no suicide-risk Flag was raised for ${patient.reference}`);
    const caller = repo.caller;
    const reviewer = caller.kind === 'staff' ? { authorReference: { reference: `Practitioner/${caller.practitionerId}` } } : {};
    for (const flag of flags) {
      await repo.update<Flag>({ ...flag, status: 'inactive' });
      for (const task of await findResources<Task>(repo, 'Task', [['focus', `Flag/${flag.id}`]])) {
        const at = instant(repo.now());
        await repo.update<Task>({
          ...task,
          status: 'completed',
          lastModified: at,
          executionPeriod: { start: task.authoredOn, end: at },
          note: [...(task.note ?? []), { ...reviewer, time: at, text: note }],
        });
      }
    }
  };
}

/**
 * The safety plan made with the person (Hiwa's adapted Stanley–Brown form), to be reviewed five weeks on. The
 * server's rule makes it the CarePlan in force; a `revised` plan, made later, replaces the first one.
 */
export function safetyPlanResponse(
  person: DemoPerson,
  author: Reference<Practitioner>,
  caseManager: Reference<Practitioner>,
  at: Date,
  revised = false,
): QuestionnaireResponse {
  const review = plus(at, 35 * DAY);
  return completedResponse(
    'SAFETY_PLAN',
    { id: person.newId(), subject: person.reference, author, authored: instant(at) },
    {
      'sp-warning-sign': ['Staying inside all day', 'Not sleeping, thinking about my brother', 'Feeling that I am a burden'],
      'sp-coping-strategy': revised
        ? ['Pray', 'Breathing exercise from the sessions', 'Walk to the water point and back', 'Write down three things that went well today']
        : ['Pray', 'Breathing exercise from the sessions', 'Walk to the water point and back'],
      'sp-distraction-place': ["The women's space at the community centre", "My sister's home"],
      'sp-distraction-person': [{ 'sp-distraction-person-name': 'Sister (Nazdar)', 'sp-distraction-person-phone': '+964 750 441 2093' }],
      'sp-help-contact': [{ 'sp-help-contact-name': 'Spouse', 'sp-help-contact-phone': '+964 751 230 8812' }],
      'sp-professional': [
        { 'sp-professional-name': `${caseManager.display ?? 'Caseworker'}, ${person.site.name}`, 'sp-professional-phone': '+964 750 100 2030' },
        { 'sp-professional-name': `${author.display ?? 'Psychologist'}, psychologist`, 'sp-professional-phone': '+964 750 100 2031' },
        ...(revised ? [{ 'sp-professional-name': 'Psychiatric clinic, Duhok', 'sp-professional-phone': '+964 750 100 2040' }] : []),
      ],
      'sp-emergency': [{ 'sp-emergency-name': 'Ambulance', 'sp-emergency-phone': '122' }],
      'sp-safe-environment-step': ['Spouse keeps the medicines locked away', 'No sharp tools left within reach'],
      'sp-safe-environment-helper': 'Spouse',
      'sp-reason-for-living': ['My children', 'Finding my brother'],
      'sp-plan-date': dateOf(at),
      'sp-review-date': dateOf(review),
      'sp-copy-given': true,
    },
  );
}
