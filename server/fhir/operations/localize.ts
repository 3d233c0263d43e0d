import type { Parameters, Questionnaire } from '@medplum/fhirtypes';
import { applyTextPack, findTextPack, type TextPack } from '../../../questionnaires/index.js';
import { badRequest, methodNotAllowed } from '../outcomes.js';
import type { Operation } from './operation.js';

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The pack an admin installed through the admin API (in the database), if any. */
export type InstalledTextPackLookup = (questionnaire: string, language: string) => Promise<TextPack | undefined>;

/**
 * `Questionnaire/{id}/$localize?lang=ar`: the stored Questionnaire worded in one language from the text pack
 * in use: one an admin installed through the admin API, else one installed in the server's folder or shipped
 * (`packs`). Without a pack nothing is invented: the form keeps its
 * own wording, or item numbers, and opens with a display item saying so. Answers never depend on the wording,
 * so a response to the localised form is a response to the stored one.
 */
export function localizeOperation(packs: readonly TextPack[], installed: InstalledTextPackLookup): Operation {
  return {
    appliesTo: ['Questionnaire'],
    definition: {
      resourceType: 'OperationDefinition',
      id: 'Questionnaire-localize',
      url: 'https://hiwa.health/fhir/OperationDefinition/Questionnaire-localize',
      name: 'Localize',
      title: 'A Questionnaire in one language',
      status: 'active',
      kind: 'operation',
      affectsState: false,
      code: 'localize',
      description:
        'The Questionnaire with its wording from the text pack for the language given. Without a pack the wording is not made up: ' +
        'the first item is a display item (linkId hiwa-text-pack-notice) saying what is shown instead.',
      system: false,
      type: false,
      instance: true,
      parameter: [
        { name: 'lang', use: 'in', min: 1, max: '1', type: 'code', documentation: 'BCP-47 language tag: en, ar, ckb, kmr, …' },
        { name: 'return', use: 'out', min: 1, max: '1', type: 'Questionnaire' },
      ],
    },
    async handler(repo, req, target) {
      if (req.method !== 'GET' && req.method !== 'POST') throw methodNotAllowed('$localize is invoked with GET or POST');
      const language = languageOf(req.query, req.body);
      const stored = (await repo.read('Questionnaire', target.id as string)).resource as Questionnaire;
      const name = stored.name ?? '';
      const pack = (await installed(name, language)) ?? findTextPack(packs, name, language);
      const localized = applyTextPack(stored, pack, language);
      return { status: 200, body: localized.questionnaire, headers: { 'Content-Language': language } };
    },
  };
}

function languageOf(query: [string, string][], body: unknown): string {
  const fromBody = (body as Parameters | undefined)?.parameter?.find((p) => p.name === 'lang');
  const language = query.find(([name]) => name === 'lang')?.[1] ?? fromBody?.valueCode ?? fromBody?.valueString;
  if (language === undefined || !LANGUAGE.test(language)) {
    throw badRequest('$localize needs lang, a language tag such as ar, ckb or kmr', 'lang');
  }
  return language;
}
