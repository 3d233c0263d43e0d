import type { QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import { useSyncExternalStore } from 'react';
import type { AnswerIndex } from '../../../questionnaires/response-answers.js';
import { linkIdOfKey } from './item-keys.js';

export type ItemAnswers = readonly QuestionnaireResponseItemAnswer[];

/** Everything typed into one form, as plain data: what a draft keeps on the device. */
export interface AnswerSnapshot {
  answers: [string, ItemAnswers][];
  /** the entry ids of each repeating group that was added to or removed from */
  entries: [string, number[]][];
}

/**
 * The answers of one form being filled in, keyed by item key (see item-keys.ts). Each item reads only its
 * own slice, and a slice keeps its identity until that item is answered again, so answering one question
 * re-renders that question (and the items whose enableWhen reads it), not the whole form.
 */
export interface AnswerStore {
  get(key: string): ItemAnswers;
  set(key: string, answers: ItemAnswers): void;
  /** the answers by key; a new map after each change, so an old one tells what has changed since */
  byKey(): ReadonlyMap<string, ItemAnswers>;
  /** every answer by linkId, all entries of a repeating group together (as the server reads a response) */
  index(): AnswerIndex;
  /** the entries of a repeating group, by id; one empty entry until someone adds or removes one */
  entries(groupKey: string): readonly number[];
  addEntry(groupKey: string): void;
  /** removes an entry and every answer given in it */
  removeEntry(groupKey: string, entryId: number): void;
  hasAnswers(): boolean;
  snapshot(): AnswerSnapshot;
  subscribe(listener: () => void): () => void;
}

export const NO_ANSWERS: ItemAnswers = [];
const ONE_ENTRY: readonly number[] = [0];

function indexByLinkId(byKey: ReadonlyMap<string, ItemAnswers>): AnswerIndex {
  const index = new Map<string, QuestionnaireResponseItemAnswer[]>();
  for (const [key, answers] of byKey) {
    const linkId = linkIdOfKey(key);
    index.set(linkId, [...(index.get(linkId) ?? []), ...answers]);
  }
  return index;
}

export function createAnswerStore(initial?: AnswerSnapshot): AnswerStore {
  let answers: ReadonlyMap<string, ItemAnswers> = new Map(initial?.answers.filter(([, given]) => given.length > 0));
  let index = indexByLinkId(answers);
  let entries: ReadonlyMap<string, readonly number[]> = new Map(initial?.entries);
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const setAnswers = (next: Map<string, ItemAnswers>) => {
    answers = next;
    index = indexByLinkId(next);
  };
  return {
    get: (key) => answers.get(key) ?? NO_ANSWERS,
    set(key, next) {
      const copy = new Map(answers);
      if (next.length === 0) copy.delete(key);
      else copy.set(key, next);
      setAnswers(copy);
      changed();
    },
    byKey: () => answers,
    index: () => index,
    entries: (groupKey) => entries.get(groupKey) ?? ONE_ENTRY,
    addEntry(groupKey) {
      const current = entries.get(groupKey) ?? ONE_ENTRY;
      entries = new Map(entries).set(groupKey, [...current, current.length === 0 ? 0 : Math.max(...current) + 1]);
      changed();
    },
    removeEntry(groupKey, entryId) {
      entries = new Map(entries).set(groupKey, (entries.get(groupKey) ?? ONE_ENTRY).filter((id) => id !== entryId));
      const inEntry = `${groupKey}[${entryId}]/`;
      setAnswers(new Map([...answers].filter(([key]) => !key.startsWith(inEntry))));
      changed();
    },
    hasAnswers: () => answers.size > 0,
    snapshot: () => ({ answers: [...answers], entries: [...entries].map(([key, ids]) => [key, [...ids]]) }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * A value read from the store, re-read after each change; `read` must return the same value while nothing
 * changed (a slice, a boolean, a count). Rendered outside a browser the store is read the same way.
 */
export function useStoreValue<T>(store: AnswerStore, read: () => T): T {
  return useSyncExternalStore(store.subscribe, read, read);
}
