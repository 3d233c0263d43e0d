import { useCallback, useEffect, useRef, useState } from 'react';
import { createAnswerStore, type AnswerStore } from './answer-store.js';
import { browserDraftStorage, clearDraft, readDraft, writeDraft, type DraftOwner } from './form-drafts.js';

export interface DraftedAnswers {
  store: AnswerStore;
  /** changes when the answers start again from nothing, so fields holding typed text start afresh too */
  generation: number;
  /** when the answers restored on opening were typed, if a draft was found */
  restoredFrom?: string;
  /** false when this device would not keep the draft (storage blocked or full) */
  kept: boolean;
  /** starts again with no answers and no draft */
  discard(): void;
  /** the response is saved: the draft goes, and nothing is written again */
  saved(): void;
}

/**
 * The answers of one form, kept on this device after every change until the response is saved. Opening the
 * same form for the same patient again (after a reload, a dropped connection or signing in again) starts from
 * what was typed.
 */
export function useDraftedAnswers(owner: DraftOwner): DraftedAnswers {
  const [storage] = useState(browserDraftStorage);
  const [opened] = useState(() => (storage ? readDraft(storage, owner) : undefined));
  const [{ store, generation }, setStore] = useState(() => ({ store: createAnswerStore(opened), generation: 0 }));
  const [kept, setKept] = useState(storage !== undefined);
  const done = useRef(false);
  const { userId, patientId, form } = owner;

  useEffect(
    () =>
      store.subscribe(() => {
        if (done.current || !storage) return;
        setKept(writeDraft(storage, { userId, patientId, form }, store.snapshot(), new Date()));
      }),
    [store, storage, userId, patientId, form],
  );

  const discard = useCallback(() => {
    if (storage) clearDraft(storage, { userId, patientId, form });
    setStore((current) => ({ store: createAnswerStore(), generation: current.generation + 1 }));
  }, [storage, userId, patientId, form]);

  const saved = useCallback(() => {
    done.current = true;
    if (storage) clearDraft(storage, { userId, patientId, form });
  }, [storage, userId, patientId, form]);

  return { store, generation, kept, discard, saved, ...(opened && store.hasAnswers() ? { restoredFrom: opened.savedAt } : {}) };
}
