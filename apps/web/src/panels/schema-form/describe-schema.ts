import { fieldLabel } from '@tandem/workflow';

/**
 * Turns a node type's zod 4 config schema into a description the form renders. The web app does not depend
 * on zod itself, so schemas are read structurally through their public `def` (stable in zod 4) and parsed
 * through `safeParse`, the one method every schema has.
 */

export type SchemaIssue = { path: readonly PropertyKey[]; message: string };
export type SafeParseResult =
  | { success: true; data: unknown }
  | { success: false; error: { issues: SchemaIssue[] } };
export type ParseableSchema = { safeParse(value: unknown): SafeParseResult };

export type FieldSpec =
  | { kind: 'string' }
  | { kind: 'number'; min: number | null; max: number | null; integer: boolean }
  | { kind: 'boolean' }
  | { kind: 'enum'; options: string[] }
  | { kind: 'object-array'; item: FieldEntry[] }
  | { kind: 'record' }
  | { kind: 'unsupported'; zodType: string };

export type FieldEntry = {
  key: string;
  label: string;
  spec: FieldSpec;
  /** The schema's default, or a neutral value for the kind (used for new array rows). */
  defaultValue: unknown;
  schema: ParseableSchema;
};

type Def = Record<string, unknown> & { type?: unknown };

function defOf(schema: unknown): Def | null {
  if (typeof schema !== 'object' || schema === null) return null;
  const core = (schema as { _zod?: { def?: unknown } })._zod?.def;
  const def = core ?? (schema as { def?: unknown }).def;
  return typeof def === 'object' && def !== null ? (def as Def) : null;
}

function isParseable(schema: unknown): schema is ParseableSchema {
  return (
    typeof schema === 'object' &&
    schema !== null &&
    typeof (schema as { safeParse?: unknown }).safeParse === 'function'
  );
}

/** Strips default/optional/nullable wrappers, keeping the outermost default. */
function unwrap(schema: unknown): { inner: unknown; defaultValue: unknown } {
  let current = schema;
  let defaultValue: unknown;
  for (let depth = 0; depth < 8; depth++) {
    const def = defOf(current);
    if (!def) break;
    if (def.type === 'default' || def.type === 'prefault') {
      if (defaultValue === undefined) {
        const raw = def.defaultValue;
        defaultValue = typeof raw === 'function' ? (raw as () => unknown)() : raw;
      }
      current = def.innerType;
    } else if (def.type === 'optional' || def.type === 'nullable') {
      current = def.innerType;
    } else {
      break;
    }
  }
  return { inner: current, defaultValue };
}

type Check = { check?: unknown; value?: unknown; inclusive?: unknown; format?: unknown };

function numberSpec(def: Def): FieldSpec {
  const checks = (Array.isArray(def.checks) ? def.checks : []).map((check) => (defOf(check) ?? {}) as Check);
  const integer = checks.some(
    (c) => c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32'),
  );
  let min: number | null = null;
  let max: number | null = null;
  for (const c of checks) {
    if (typeof c.value !== 'number') continue;
    // An exclusive bound on a whole number (`.int().positive()`) becomes the next whole number.
    const step = c.inclusive ? 0 : integer ? 1 : 0;
    if (c.check === 'greater_than') min = c.value + step;
    if (c.check === 'less_than') max = c.value - step;
  }
  return { kind: 'number', min, max, integer };
}

function specOf(inner: unknown): FieldSpec {
  const def = defOf(inner);
  const type = typeof def?.type === 'string' ? def.type : 'unknown';
  if (!def) return { kind: 'unsupported', zodType: type };
  switch (type) {
    case 'string':
      return { kind: 'string' };
    case 'number':
      return numberSpec(def);
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum': {
      const entries = def.entries;
      const options =
        typeof entries === 'object' && entries !== null
          ? Object.values(entries).filter((value): value is string => typeof value === 'string')
          : [];
      return { kind: 'enum', options };
    }
    case 'array': {
      const element = unwrap(def.element).inner;
      const elementDef = defOf(element);
      if (elementDef?.type === 'object') return { kind: 'object-array', item: describeObject(element) };
      return { kind: 'unsupported', zodType: `array of ${String(elementDef?.type)}` };
    }
    case 'record': {
      const valueType = defOf(unwrap(def.valueType).inner)?.type;
      return valueType === 'string' ? { kind: 'record' } : { kind: 'unsupported', zodType: 'record' };
    }
    default:
      return { kind: 'unsupported', zodType: type };
  }
}

function neutralValue(spec: FieldSpec): unknown {
  switch (spec.kind) {
    case 'string':
      return '';
    case 'number':
      return spec.min ?? 0;
    case 'boolean':
      return false;
    case 'enum':
      return spec.options[0] ?? '';
    case 'object-array':
      return [];
    case 'record':
      return {};
    case 'unsupported':
      return null;
  }
}

/** The fields of an object schema, in declaration order; empty for anything that is not an object. */
export function describeObject(schema: unknown): FieldEntry[] {
  const def = defOf(schema);
  if (def?.type !== 'object' || typeof def.shape !== 'object' || def.shape === null) return [];
  return Object.entries(def.shape as Record<string, unknown>).flatMap(([key, fieldSchema]) => {
    if (!isParseable(fieldSchema)) return [];
    const { inner, defaultValue } = unwrap(fieldSchema);
    const spec = specOf(inner);
    return [
      {
        key,
        label: fieldLabel(key),
        spec,
        defaultValue: defaultValue ?? neutralValue(spec),
        schema: fieldSchema,
      },
    ];
  });
}

/** The first issue's message, for showing beside a field. */
export function firstIssue(result: SafeParseResult): string | null {
  return result.success ? null : (result.error.issues[0]?.message ?? 'Invalid value.');
}
