import { z } from 'zod';
import type { AnswerSnapshot } from './answer-store.js';

// What was typed into a form is kept on this device until it is saved, so a dropped connection, a reload or
// an expired session loses nothing. Drafts are keyed by who typed them, about whom, in which form, and are
// deleted when the response is saved, or when the person who typed them signs out and says so.

/** Where drafts live: localStorage in the browser, a plain object in tests. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

const PREFIX = 'hiwa.draft.';

export interface DraftOwner {
  /** the signed-in user (Practitioner id): one user never sees another's drafts */
  userId: string;
  patientId: string;
  /** the Questionnaire's name, so a draft outlives a new version of the form */
  form: string;
}

export interface FormDraft extends AnswerSnapshot {
  savedAt: string;
}

const answerSchema = z.record(z.string(), z.unknown());
const draftSchema = z.object({
  savedAt: z.string(),
  answers: z.array(z.tuple([z.string(), z.array(answerSchema)])),
  entries: z.array(z.tuple([z.string(), z.array(z.number().int().nonnegative())])),
});

const userPrefix = (userId: string): string => `${PREFIX}${encodeURIComponent(userId)}.`;

export function draftKey(owner: DraftOwner): string {
  return `${userPrefix(owner.userId)}${encodeURIComponent(owner.patientId)}.${encodeURIComponent(owner.form)}`;
}

/** The draft kept for this form, or undefined (none, or unreadable: a draft never stops the form opening). */
export function readDraft(storage: DraftStorage, owner: DraftOwner): FormDraft | undefined {
  try {
    const raw = storage.getItem(draftKey(owner));
    if (raw === null) return undefined;
    const parsed = draftSchema.safeParse(JSON.parse(raw));
    // the answers are FHIR answer objects as this client wrote them; the schema checks their shape only
    return parsed.success ? (parsed.data as FormDraft) : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the snapshot, or deletes the draft when nothing is answered. False when the device refused. */
export function writeDraft(storage: DraftStorage, owner: DraftOwner, snapshot: AnswerSnapshot, now: Date): boolean {
  try {
    if (snapshot.answers.length === 0) storage.removeItem(draftKey(owner));
    else storage.setItem(draftKey(owner), JSON.stringify({ savedAt: now.toISOString(), ...snapshot } satisfies FormDraft));
    return true;
  } catch {
    return false; // storage full or blocked: the form works on, the page says the draft is not kept
  }
}

export function clearDraft(storage: DraftStorage, owner: DraftOwner): void {
  try {
    storage.removeItem(draftKey(owner));
  } catch {
    // nothing kept, nothing to clear
  }
}

function keysOf(storage: DraftStorage, userId: string): string[] {
  const prefix = userPrefix(userId);
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  return keys;
}

/** How many unsaved forms this user has on this device (asked before signing out). */
export function countDrafts(storage: DraftStorage, userId: string): number {
  try {
    return keysOf(storage, userId).length;
  } catch {
    return 0;
  }
}

export function clearDraftsOf(storage: DraftStorage, userId: string): void {
  try {
    for (const key of keysOf(storage, userId)) storage.removeItem(key);
  } catch {
    // blocked storage holds no drafts
  }
}

/** The browser's localStorage, or undefined where it is blocked. */
export function browserDraftStorage(): DraftStorage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
