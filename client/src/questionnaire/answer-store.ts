import type { QuestionnaireResponseItemAnswer } from '@medplum/fhirtypes';
import type { AnswerIndex } from '../../../questionnaires/response-answers.js';

export type ItemAnswers = readonly QuestionnaireResponseItemAnswer[];

/**
 * The answers of one form being filled in, keyed by linkId. Each item reads only its own slice, and a slice
 * keeps its identity until that item is answered again, so answering one question re-renders that question
 * (and the items whose enableWhen reads it), not the whole form.
 */
export interface AnswerStore {
  get(linkId: string): ItemAnswers;
  set(linkId: string, answers: ItemAnswers): void;
  /** every answer, for enableWhen and for building the response; a new map after each change */
  index(): AnswerIndex;
  subscribe(listener: () => void): () => void;
}

const NO_ANSWERS: ItemAnswers = [];

export function createAnswerStore(): AnswerStore {
  let answers: ReadonlyMap<string, ItemAnswers> = new Map();
  const listeners = new Set<() => void>();
  return {
    get: (linkId) => answers.get(linkId) ?? NO_ANSWERS,
    set(linkId, next) {
      const copy = new Map(answers);
      if (next.length === 0) copy.delete(linkId);
      else copy.set(linkId, next);
      answers = copy;
      for (const listener of listeners) listener();
    },
    index: () => answers,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
