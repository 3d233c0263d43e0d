import { recordForms, screeningInstruments, type FillableForm } from './instruments.js';
import { SDQ_VERSION_OFFERS } from './sdq-version-choice.js';

const everyForm: readonly FillableForm[] = [...screeningInstruments, ...recordForms, ...SDQ_VERSION_OFFERS.map((offer) => offer.form)];

/** The form the interface knows by a Questionnaire's name (PHQ9, SAFETY_PLAN, SDQ_P4_17), if it knows it. */
export function formNamed(name: string): FillableForm | undefined {
  return everyForm.find((form) => form.name === name);
}
