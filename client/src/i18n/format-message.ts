/** Parameters of a message: `{name}` in the template is replaced by `params.name`. */
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Fills `{name}` placeholders. A placeholder without a value stays visible rather than vanishing, so a
 * missing parameter shows up in review instead of producing a sentence with a silent gap.
 */
export function formatMessage(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
