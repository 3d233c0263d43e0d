import type { Task } from '@medplum/fhirtypes';
import type { MessageKey } from '../i18n/messages-en.js';
import { screeningInstruments } from '../questionnaire/instruments.js';
import { taskKindOf, type TaskKind } from './task-kinds.js';

/**
 * The words of each kind of task (task-kinds.ts: the code, never its English display, decides, so a Task reads
 * in the interface language whoever recorded it): its title, and, where the server writes the whole description
 * itself (in English), the note that says the same in the interface language. A kind without `note` has a
 * description a person typed (a referral's reason, a closure's outcome), shown as written. A kind with
 * `typedReason` has a server sentence that quotes the reason someone typed (a break-glass, a consent override):
 * its note is worded from the code in every language, and the reason (`reasonCode.text`) shown apart, as typed.
 */
export const TASK_TYPE_WORDING = {
  referral: { title: 'taskType.referral' },
  transfer: { title: 'taskType.transfer' },
  'case-closure': { title: 'taskType.case-closure' },
  'consent-override-review': { title: 'taskType.consent-override-review', note: 'taskNote.consent-override-review', typedReason: true },
  'consent-withdrawn': { title: 'taskType.consent-withdrawn', note: 'taskNote.consent-withdrawn' },
  'break-glass-review': { title: 'taskType.break-glass-review', note: 'taskNote.break-glass-review', typedReason: true },
  'duplicate-review': { title: 'taskType.duplicate-review', note: 'taskNote.duplicate-review' },
  'safety-plan-needed': { title: 'taskType.safety-plan-needed', note: 'taskNote.safety-plan-needed' },
  'next-session': { title: 'taskType.next-session' },
  reassessment: { title: 'taskType.reassessment', note: 'taskNote.reassessment' },
  'referral-follow-up': { title: 'taskType.referral-follow-up', note: 'taskNote.referral-follow-up' },
  // the urgent review a suicide-risk alert comes with (no Hiwa code: its focus is the Flag)
  'risk-review': { title: 'taskType.risk-review', note: 'taskNote.risk-review' },
} as const satisfies Record<TaskKind, KindWording>;

interface KindWording {
  title: MessageKey;
  note?: MessageKey;
  typedReason?: true;
}

/** What a list says of a Task: message keys where Hiwa knows the type, the Task's own words otherwise. */
export interface TaskWording {
  /** a message key, or the Task's own text for a type from outside Hiwa */
  title: { key: MessageKey } | { text: string };
  /** the instrument a re-assessment asks for: one person has one for PHQ-9 and one for SRQ-20 */
  instrument?: string;
  /**
   * The description: a person's own words as typed; for a description the server wrote, the note in the
   * interface language (with the server's English sentence, which can be more precise: it names the item)
   */
  note?: { text: string } | { key: MessageKey; serverText?: string };
  /** the reason a person typed (Task.reasonCode.text) where the server's sentence would quote it */
  reason?: string;
}

export function taskWording(task: Task): TaskWording {
  const kind = taskKindOf(task);
  const known: KindWording | undefined = kind === undefined ? undefined : TASK_TYPE_WORDING[kind];
  const instrument = instrumentAskedFor(task);
  const described = task.description?.trim() || undefined;
  if (known === undefined) {
    const title = task.code?.text ?? task.code?.coding?.[0]?.display ?? described ?? task.id ?? '';
    return { title: { text: title }, ...(instrument ? { instrument } : {}), ...(described && described !== title ? { note: { text: described } } : {}) };
  }
  // the typed reason apart: the server's sentence around it is English whatever the interface language (one
  // stored before the reason was kept apart still has only the sentence, which English shows)
  const reason = known.typedReason ? task.reasonCode?.text?.trim() || undefined : undefined;
  const serverText = described && reason === undefined ? { serverText: described } : {};
  const note = known.note !== undefined ? { key: known.note, ...serverText } : described ? { text: described } : undefined;
  return { title: { key: known.title }, ...(instrument ? { instrument } : {}), ...(note ? { note } : {}), ...(reason ? { reason } : {}) };
}

/**
 * The same in words of the interface. As with the server's refusals (i18n/server-messages.ts), English keeps
 * the server's own sentence; other languages get the note for the code. `typed` marks a person's own words,
 * shown with direction `auto`.
 */
export function taskTexts(task: Task, i18n: { t(key: MessageKey): string; language: { code: string } }): { title: string; note?: string; typed: boolean; reason?: string } {
  const wording = taskWording(task);
  const title = 'key' in wording.title ? i18n.t(wording.title.key) : wording.title.text;
  const note = wording.note;
  const noteText = note === undefined ? undefined : 'key' in note ? (i18n.language.code === 'en' && note.serverText ? note.serverText : i18n.t(note.key)) : note.text;
  return {
    title: wording.instrument ? `${title} · ${wording.instrument}` : title,
    ...(noteText === undefined ? {} : { note: noteText }),
    typed: note !== undefined && !('key' in note),
    ...(wording.reason ? { reason: wording.reason } : {}),
  };
}

/** The instrument named by the Task's input `instrument` (a Questionnaire's canonical URL), by its label. */
function instrumentAskedFor(task: Task): string | undefined {
  const url = task.input?.find((i) => i.type?.coding?.some((c) => c.code === 'instrument'))?.valueCanonical;
  const name = url?.split('|')[0].split('/').pop();
  if (name === undefined) return undefined;
  const label = screeningInstruments.find((i) => i.name === name)?.label;
  return typeof label === 'string' ? label : name;
}
