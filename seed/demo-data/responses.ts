import type {
  Coding,
  Encounter,
  Questionnaire,
  QuestionnaireItem,
  QuestionnaireResponse,
  QuestionnaireResponseItem,
  QuestionnaireResponseItemAnswer,
  Patient,
  Practitioner,
  Reference,
  RelatedPerson,
} from '@medplum/fhirtypes';
import { loadDefinition } from '../../questionnaires/index.js';
import { optionWeight } from '../../questionnaires/answer-options.js';

/**
 * An answer as the demo writes it: an option's code or its scoring weight for a choice, a date for a date
 * item, text, a number or a yes/no; a list for a repeating question; for a repeating group, one set of
 * answers per repetition.
 */
export type AnswerValue = string | number | boolean | { weight: number };
export type Answers = { readonly [linkId: string]: AnswerValue | readonly AnswerValue[] | readonly Answers[] };

export interface ResponseFacts {
  id: string;
  subject: Reference<Patient>;
  encounter?: Reference<Encounter>;
  author: Reference<Practitioner>;
  /** who gave the answers when not the person themselves (a caregiver) */
  source?: Reference<Patient | RelatedPerson>;
  authored: string;
}

const definitions = new Map<string, Questionnaire>();

/** The shipped Questionnaire named `name` (e.g. PHQ9), read once. */
export function definition(name: string): Questionnaire {
  let found = definitions.get(name);
  if (found === undefined) {
    found = loadDefinition(name);
    definitions.set(name, found);
  }
  return found;
}

/**
 * A completed response to the shipped form `name`, items nested as in the form and only the answered ones
 * present, as a renderer sends them. Codings are taken from the form's own answer options, so the server's
 * check and scoring see exactly what a real client would send. Naming an item the form lacks throws.
 */
export function completedResponse(name: string, facts: ResponseFacts, answers: Answers): QuestionnaireResponse {
  const questionnaire = definition(name);
  return {
    resourceType: 'QuestionnaireResponse',
    id: facts.id,
    questionnaire: `${questionnaire.url}|${questionnaire.version}`,
    status: 'completed',
    subject: facts.subject,
    ...(facts.encounter === undefined ? {} : { encounter: facts.encounter }),
    authored: facts.authored,
    author: facts.author,
    source: facts.source ?? facts.subject,
    item: itemsFor(questionnaire.item ?? [], checked(questionnaire.item ?? [], answers, name), name),
  };
}

/** Only items the form has: a misspelt linkId in the demo would otherwise be a silent gap in the record. */
function checked(items: readonly QuestionnaireItem[], answers: Answers, form: string): Answers {
  const known = new Set(items.flatMap(function linkIds(i: QuestionnaireItem): string[] {
    return [i.linkId, ...(i.item ?? []).flatMap(linkIds)];
  }));
  const unknown = Object.keys(answers).find((linkId) => !known.has(linkId));
  if (unknown !== undefined) throw new Error(`demo data: ${form} has no item ${unknown} here`);
  return answers;
}

function itemsFor(items: readonly QuestionnaireItem[], answers: Answers, form: string): QuestionnaireResponseItem[] {
  return items.flatMap((item): QuestionnaireResponseItem[] => {
    const given = answers[item.linkId];
    if (item.type === 'group') {
      if (item.repeats && Array.isArray(given)) {
        const children = item.item ?? [];
        return (given as readonly Answers[]).map((one) => ({ linkId: item.linkId, item: itemsFor(children, checked(children, one, form), form) }));
      }
      const children = itemsFor(item.item ?? [], answers, form);
      return children.length === 0 ? [] : [{ linkId: item.linkId, item: children }];
    }
    if (given === undefined) return [];
    const values = (Array.isArray(given) ? given : [given]) as readonly AnswerValue[];
    return [{ linkId: item.linkId, answer: values.map((value) => answerFor(item, value)) }];
  });
}

function answerFor(item: QuestionnaireItem, value: AnswerValue): QuestionnaireResponseItemAnswer {
  if (typeof value === 'boolean') return { valueBoolean: value };
  if (typeof value === 'number') return { valueInteger: value };
  if (typeof value === 'object') return { valueCoding: option(item, (o) => optionWeight(o) === value.weight, `weight ${value.weight}`) };
  if (item.type === 'choice') return { valueCoding: option(item, (o) => o.valueCoding?.code === value, `code ${value}`) };
  if (item.type === 'date') return { valueDate: value };
  return { valueString: value };
}

function option(
  item: QuestionnaireItem,
  matches: (o: NonNullable<QuestionnaireItem['answerOption']>[number]) => boolean,
  what: string,
): Coding {
  const coding = item.answerOption?.find(matches)?.valueCoding;
  if (coding === undefined) throw new Error(`demo data: ${item.linkId} has no answer option with ${what}`);
  return coding;
}
