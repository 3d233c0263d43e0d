import type { ElementDefinition, StructureDefinition } from '@medplum/fhirtypes';

/**
 * A snapshot for one of Hiwa's profiles, built from its differential over the base definition. Hiwa ships
 * differentials (what a reviewer reads); Medplum's validator needs a snapshot. This supports what Hiwa's
 * profiles use and nothing more:
 * - constraining an element the base defines (cardinality, types, binding, fixed or pattern values, invariants);
 * - slicing `extension` / `modifierExtension` by URL, each slice typed by an extension whose snapshot
 *   `extensionSnapshot` returns (its elements are unrolled under the slice, as in any snapshot);
 * - in an extension definition, slices of `Extension.extension` with no profile: the parts of a complex
 *   extension, unrolled from the base Extension and then constrained by the differential like any element.
 * Anything else throws when the profile is loaded, so a profile never validates less than it says.
 */
export function generateSnapshot(
  profile: StructureDefinition,
  base: StructureDefinition,
  extensionSnapshot: (url: string) => StructureDefinition | undefined,
): StructureDefinition {
  const elements: ElementDefinition[] = structuredClone(base.snapshot?.element ?? []);
  if (elements.length === 0) {
    throw new Error(`${profile.url}: base ${base.url} has no snapshot`);
  }
  for (const diff of profile.differential?.element ?? []) {
    if (diff.sliceName) {
      addExtensionSlice(profile, elements, diff, extensionSnapshot);
    } else {
      constrain(profile, elements, diff);
    }
  }
  return { ...profile, snapshot: { element: elements } };
}

function constrain(profile: StructureDefinition, elements: ElementDefinition[], diff: ElementDefinition): void {
  const target = elements.find((e) => e.id === diff.id);
  if (!target) {
    throw new Error(`${profile.url}: differential element ${diff.id} is not in the base or is not supported`);
  }
  const { id: _id, path: _path, constraint, ...overrides } = diff;
  Object.assign(target, overrides);
  if (constraint) {
    target.constraint = [...(target.constraint ?? []), ...constraint];
  }
}

const EXTENSION_ELEMENTS = /\.(extension|modifierExtension)$/;
const BASE_EXTENSION = 'http://hl7.org/fhir/StructureDefinition/Extension';

function addExtensionSlice(
  profile: StructureDefinition,
  elements: ElementDefinition[],
  diff: ElementDefinition,
  extensionSnapshot: (url: string) => StructureDefinition | undefined,
): void {
  const slicedId = (diff.id ?? '').slice(0, (diff.id ?? '').lastIndexOf(':'));
  const slicedIndex = elements.findIndex((e) => e.id === slicedId);
  const sliced = elements[slicedIndex];
  // A part of a complex extension is declared inline: an Extension slice without a profile.
  const inlinePart = profile.type === 'Extension' && slicedId === 'Extension.extension' && diff.type === undefined;
  const extensionUrl = inlinePart ? BASE_EXTENSION : diff.type?.[0]?.profile?.[0];
  const extension = extensionUrl ? extensionSnapshot(extensionUrl) : undefined;
  if (!sliced || !EXTENSION_ELEMENTS.test(slicedId) || (!inlinePart && diff.type?.length !== 1) || !extension?.snapshot) {
    throw new Error(`${profile.url}: slice ${diff.id} must slice an extension element by a known extension`);
  }
  sliced.slicing ??= { discriminator: [{ type: 'value', path: 'url' }], rules: 'open' };

  // Slices follow the sliced element and the slices before them, each with its own unrolled children.
  let insertAt = slicedIndex + 1;
  while (insertAt < elements.length && (elements[insertAt].id ?? '').startsWith(`${slicedId}:`)) {
    insertAt++;
  }
  const [root, ...children] = extension.snapshot.element;
  const slice: ElementDefinition = {
    ...root,
    ...diff,
    id: diff.id,
    path: sliced.path,
    base: sliced.base,
    ...(inlinePart ? { type: sliced.type } : {}),
  };
  const unrolled = children.map((child) => ({
    ...child,
    id: `${diff.id}${(child.id ?? '').slice(root.id?.length ?? 0)}`,
    path: `${sliced.path}${child.path.slice(root.path.length)}`,
  }));
  elements.splice(insertAt, 0, slice, ...unrolled);
}
