import type { QuestionnaireItem } from '@medplum/fhirtypes';
import { createContext, useCallback, useContext, useSyncExternalStore, type ReactNode } from 'react';
import { isEnabled } from '../../../questionnaires/enable-when.js';
import type { AnswerStore, ItemAnswers } from './answer-store.js';

/** What every item of one form shares: its answers, and the problems to show at items (by linkId). */
interface FormContextValue {
  store: AnswerStore;
  issuesByLinkId: ReadonlyMap<string, readonly string[]>;
}

const FormContext = createContext<FormContextValue | undefined>(undefined);

export function FormContextProvider({ value, children }: { value: FormContextValue; children: ReactNode }) {
  return <FormContext.Provider value={value}>{children}</FormContext.Provider>;
}

function useFormContext(): FormContextValue {
  const value = useContext(FormContext);
  if (value === undefined) throw new Error('a questionnaire item is rendered outside QuestionnaireForm');
  return value;
}

/** One item's answers and the setter for them; the component re-renders only when they change. */
export function useItemAnswers(linkId: string): [ItemAnswers, (answers: ItemAnswers) => void] {
  const { store } = useFormContext();
  const answers = useSyncExternalStore(store.subscribe, () => store.get(linkId));
  const setAnswers = useCallback((next: ItemAnswers) => store.set(linkId, next), [store, linkId]);
  return [answers, setAnswers];
}

/** Whether enableWhen lets the item show, by the same rules the server checks a response with. */
export function useItemEnabled(item: QuestionnaireItem): boolean {
  const { store } = useFormContext();
  return useSyncExternalStore(store.subscribe, () => isEnabled(item, store.index()));
}

const NO_ISSUES: readonly string[] = [];

export function useItemIssues(linkId: string): readonly string[] {
  return useFormContext().issuesByLinkId.get(linkId) ?? NO_ISSUES;
}
