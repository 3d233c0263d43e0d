// MACHINE DRAFT — needs review by a native speaker of Kurmanji (Badini) Kurdish before it is used with
// beneficiaries or staff. Arabic script, right to left, spelled letter by letter from the Latin-script draft
// (messages-kmr.ts); a reviewer replaces entries here with proper Badini wording one by one.
// Interface text only: instrument wording is never translated here (it comes from the server's text packs).
import { kurmanjiInArabicScript } from './kurmanji-script.js';
import type { MessageKey, Messages } from './messages-en.js';
import { kmr } from './messages-kmr.js';

export const kmrArabReviewStatus = 'machine-draft — needs review by a native speaker';

export const kmrArab: Messages = Object.fromEntries(
  (Object.entries(kmr) as [MessageKey, string][]).map(([key, text]) => [key, kurmanjiInArabicScript(text)]),
) as Messages;
