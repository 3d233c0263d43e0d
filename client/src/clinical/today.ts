/** Today as a FHIR date (YYYY-MM-DD), the default and the latest a form's date of something done may take. */
export const today = (): string => new Date().toISOString().slice(0, 10);
