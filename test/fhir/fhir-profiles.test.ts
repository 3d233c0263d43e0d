import { validateResource } from '@medplum/core';
import type { CodeSystem } from '@medplum/fhirtypes';
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { staffRoles } from '../../server/auth/principal.js';
import { HIWA_PROFILES_DIR } from '../../server/fhir/conformance/hiwa-profiles.js';
import {
  expandValueSet,
  getHiwaCodeSystem,
  getHiwaStructureDefinition,
  listHiwaConformanceResources,
  loadDefinitions,
} from '../../server/fhir/definitions.js';
import { validateFhirResource } from '../../server/fhir/validation/validate.js';

const HIWA = 'https://hiwa.health/fhir';
loadDefinitions();
const resources = listHiwaConformanceResources();

const codes = (id: string): string[] => codesOf(getHiwaCodeSystem(`${HIWA}/CodeSystem/${id}`));
function codesOf(cs: CodeSystem | undefined): string[] {
  return (cs?.concept ?? []).map((c) => c.code as string);
}

describe('fhir-profiles/', () => {
  it('holds one file per resource, named <resourceType>-<id>.json, with a URL under https://hiwa.health/fhir/', () => {
    const files = readdirSync(HIWA_PROFILES_DIR).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(resources.map((r) => `${r.resourceType}-${r.id}.json`).sort());
    for (const r of resources) {
      expect((r as { url?: string }).url).toBe(`${HIWA}/${r.resourceType}/${r.id}`);
    }
  });

  it.each(resources.map((r) => [`${r.resourceType}/${r.id}`, r] as const))('%s is valid FHIR R4', (_name, resource) => {
    expect(validateResource(resource).filter((i) => i.severity === 'error')).toEqual([]);
    expect(validateFhirResource(resource)).toEqual([]);
  });

  it('generates snapshots that are valid FHIR R4 too', () => {
    for (const sd of resources.filter((r) => r.resourceType === 'StructureDefinition')) {
      const withSnapshot = getHiwaStructureDefinition((sd as { url: string }).url);
      expect(withSnapshot?.snapshot?.element.length, sd.id).toBeGreaterThan(1);
      expect(validateFhirResource(withSnapshot as NonNullable<typeof withSnapshot>), sd.id).toEqual([]);
    }
  });

  it('gives every code system a value set of all its codes', () => {
    for (const cs of resources.filter((r): r is CodeSystem => r.resourceType === 'CodeSystem')) {
      const expansion = expandValueSet(cs.valueSet as string);
      expect(expansion, cs.id).toEqual(new Map([[cs.url, new Set(codesOf(cs))]]));
    }
  });
});

describe('code systems', () => {
  it('service-type places every service of the catalogue in an IASC layer or capacity building', () => {
    const serviceType = getHiwaCodeSystem(`${HIWA}/CodeSystem/service-type`);
    const byLayer = new Map<string, string[]>();
    for (const concept of serviceType?.concept ?? []) {
      const layer = concept.property?.find((p) => p.code === 'layer')?.valueCode as string;
      byLayer.set(layer, [...(byLayer.get(layer) ?? []), concept.code as string]);
      expect(concept.display, concept.code).toBeTruthy();
    }
    expect([...byLayer.keys()].sort()).toEqual(['capacity-building', 'layer-1', 'layer-2', 'layer-3', 'layer-4']);
    expect(byLayer.get('layer-4')).toEqual(
      expect.arrayContaining(['psychiatric-consultation', 'psychological-consultation', 'referral-specialised', 'rapid-intervention']),
    );
    expect(byLayer.get('layer-3')).toEqual(expect.arrayContaining(['individual-counselling', 'pfa', 'remote-pfa', 'pm-plus']));
    expect(byLayer.get('layer-2')).toEqual(expect.arrayContaining(['guided-group-discussion', 'caregiver-support', 'mli-awareness']));
    expect(byLayer.get('layer-1')).toEqual(expect.arrayContaining(['awareness-session', 'referral-basic-services', 'icrs-registration']));
    expect(serviceType?.concept?.length).toBe(34);
  });

  it('service-type says which services count as services to a beneficiary', () => {
    const notToBeneficiaries = (getHiwaCodeSystem(`${HIWA}/CodeSystem/service-type`)?.concept ?? [])
      .filter((c) => c.property?.find((p) => p.code === 'beneficiary-service')?.valueBoolean === false)
      .map((c) => c.code);
    expect(notToBeneficiaries).toEqual(['coordination-meeting', 'staff-training', 'staff-coaching', 'staff-supervision']);
  });

  it('hold the codes the design fixes', () => {
    expect(codes('population-group')).toEqual(['idp', 'returnee', 'host-community', 'refugee', 'migrant']);
    expect(codes('disability-status')).toEqual(['yes', 'no', 'not-disclosed']);
    expect(codes('hiwa-scores')).toEqual([
      'srq20-total',
      'sdq-emotional',
      'sdq-conduct',
      'sdq-hyperactivity',
      'sdq-peer',
      'sdq-prosocial',
      'sdq-total',
      'sdq-externalising',
      'sdq-internalising',
      'sdq-impact',
    ]);
    expect(codes('flag-code')).toEqual(['suicide-risk']);
    expect(codes('consent-purpose')).toEqual(['services', 'data-collection', 'sharing', 'reporting', 'doh-exchange', 'contact']);
    expect(codes('modality')).toEqual(['community-centre', 'mobile-team', 'outreach-visit', 'remote-phone']);
  });

  it('score-band holds the bands of PHQ-9, SRQ-20 and both SDQ band schemes', () => {
    expect(codes('score-band')).toEqual(
      expect.arrayContaining(['none-minimal', 'moderately-severe', 'negative', 'positive', 'borderline', 'abnormal', 'very-high', 'very-low']),
    );
  });
});

describe('extensions of scores and risk flags', () => {
  const observation = (interpretationExtension: unknown[]) =>
    ({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'score' },
      valueInteger: 7,
      interpretation: [{ extension: interpretationExtension, text: 'band' }],
    }) as Parameters<typeof validateFhirResource>[0];
  const flag = (parts: unknown[]) =>
    ({
      resourceType: 'Flag',
      status: 'active',
      code: { text: 'risk' },
      subject: { reference: 'Patient/p1' },
      extension: [{ url: `${HIWA}/StructureDefinition/triggering-item`, extension: parts }],
    }) as Parameters<typeof validateFhirResource>[0];
  const paths = (issues: ReturnType<typeof validateFhirResource>) => issues.flatMap((i) => i.expression ?? []);

  it('band-table takes a code of the band-table CodeSystem, score-cutoff an integer', () => {
    const bandTable = (code: string) => ({ url: `${HIWA}/StructureDefinition/band-table`, valueCoding: { system: `${HIWA}/CodeSystem/band-table`, code } });
    expect(validateFhirResource(observation([bandTable('srq20-deployment-cutoff'), { url: `${HIWA}/StructureDefinition/score-cutoff`, valueInteger: 8 }]))).toEqual([]);
    expect(paths(validateFhirResource(observation([bandTable('local-norms')])))).toContain('Observation.interpretation[0].extension[0].valueCoding.code');
    expect(paths(validateFhirResource(observation([{ url: `${HIWA}/StructureDefinition/score-cutoff`, valueString: '8' }])))).toContain(
      'Observation.interpretation[0].extension[0].valueString',
    );
  });

  it('triggering-item needs exactly one linkId part and no value of its own', () => {
    const linkId = { url: 'linkId', valueString: 'phq9-9' };
    expect(validateFhirResource(flag([linkId, { url: 'answer', valueBoolean: true }]))).toEqual([]);
    expect(validateFhirResource(flag([{ url: 'answer', valueBoolean: true }]))).not.toEqual([]);
    expect(validateFhirResource(flag([linkId, { url: 'linkId', valueString: 'phq9-1' }]))).not.toEqual([]);
  });
});

describe('staff-role', () => {
  it('holds exactly the roles of the access policy', () => {
    expect(codes('staff-role')).toEqual([...staffRoles]);
  });
});
