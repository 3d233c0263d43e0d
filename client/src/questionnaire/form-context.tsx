import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { isEnabled } from '../../../questionnaires/enable-when.js';
import type { CriticalItemAlert } from '../../../questionnaires/index.js';
import { NO_ANSWERS, useStoreValue, type AnswerStore, type ItemAnswers } from './answer-store.js';

/**
 * Problems to show at items: by item key (found before sending) or by linkId (named by the server), as they
 * stood when the form was refused. An item's problems are shown until that item is answered again.
 */
export interface FormIssues {
  byKey: ReadonlyMap<string, readonly string[]>;
  byLinkId: ReadonlyMap<string, readonly string[]>;
  /** the answers when the issues were found */
  answersThen: ReadonlyMap<string, ItemAnswers>;
}

export const NO_FORM_ISSUES: FormIssues = { byKey: new Map(), byLinkId: new Map(), answersThen: new Map() };

/** What every item of one form shares: its answers, and the problems to show at items. */
interface FormContextValue {
  store: AnswerStore;
  issues: FormIssues;
  /** the language the server worded the form in; undefined when it has no wording at all (SDQ without a pack) */
  formLanguage: string | undefined;
  /** critical answers given so far (by the shared scoring code), each warned about under its question */
  alerts: readonly CriticalItemAlert[];
}

const FormContext = createContext<FormContextValue | undefined>(undefined);

export function FormContextProvider({ value, children }: { value: FormContextValue; children: ReactNode }) {
  return <FormContext.Provider value={value}>{children}</FormContext.Provider>;
}

export function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (value === undefined) throw new Error('a questionnaire item is rendered outside QuestionnaireForm');
  return value;
}

/** One item's answers and the setter for them; the component re-renders only when they change. */
export function useItemAnswers(key: string): [ItemAnswers, (answers: ItemAnswers) => void] {
  const { store } = useFormContext();
  const answers = useStoreValue(store, () => store.get(key));
  const setAnswers = useCallback((next: ItemAnswers) => store.set(key, next), [store, key]);
  return [answers, setAnswers];
}

/** Whether enableWhen lets the item show, by the same rules the server checks a response with. */
export function useItemEnabled(item: QuestionnaireItem): boolean {
  const { store } = useFormContext();
  return useStoreValue(store, () => isEnabled(item, store.index()));
}

const NO_ISSUES: readonly string[] = [];

/** The problems of one item, gone as soon as its answer changes (the person is correcting it). */
export function useItemIssues(key: string, linkId: string): readonly string[] {
  const { store, issues } = useFormContext();
  const unchanged = useStoreValue(store, () => store.get(key) === (issues.answersThen.get(key) ?? NO_ANSWERS));
  if (!unchanged) return NO_ISSUES;
  return issues.byKey.get(key) ?? issues.byLinkId.get(linkId) ?? NO_ISSUES;
}

/** The critical-answer alert raised by this item, if its answer raised one. */
export function useItemAlert(linkId: string): CriticalItemAlert | undefined {
  return useFormContext().alerts.find((alert) => alert.linkId === linkId);
}
