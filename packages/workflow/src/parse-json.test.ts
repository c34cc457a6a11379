import { describe, expect, it } from 'vitest';
import { CURRENT_SCHEMA_VERSION } from './doc-layout';
import { materialise } from './materialise';
import { parseWorkflowJson } from './parse-json';
import { createSampleWorkflow } from './sample';

function exported(): Record<string, unknown> {
  const result = materialise(createSampleWorkflow());
  if (!result.ok) throw new Error('sample');
  return JSON.parse(JSON.stringify(result.definition)) as Record<string, unknown>;
}

describe('parseWorkflowJson', () => {
  it('round-trips an export, as an object or a JSON string', () => {
    const json = exported();
    const parsed = parseWorkflowJson(json);
    expect(parsed).toEqual({ ok: true, definition: json });
    expect(parseWorkflowJson(JSON.stringify(json)).ok).toBe(true);
  });

  it('names the field at fault', () => {
    const json = exported();
    const nodes = json.nodes as { config: Record<string, unknown>; type: string }[];
    const llmIndex = nodes.findIndex((node) => node.type === 'llm');
    const llm = nodes[llmIndex];
    if (llm) llm.config.temperature = 'warm';
    delete json.name;
    const parsed = parseWorkflowJson(json);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path).sort()).toEqual(
      [`nodes.${llmIndex}.config.temperature`, 'name'].sort(),
    );
    expect(parsed.issues.every((issue) => issue.message.length > 0)).toBe(true);
  });

  it('names an unknown node type', () => {
    const json = exported();
    const nodes = json.nodes as { type: string }[];
    if (nodes[0]) nodes[0].type = 'teleport';
    const parsed = parseWorkflowJson(json);
    expect(!parsed.ok && parsed.issues[0]?.path).toBe('nodes.0.type');
  });

  it('refuses exports from a newer schema and malformed JSON with clear issues', () => {
    expect(parseWorkflowJson({ ...exported(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 })).toEqual({
      ok: false,
      issues: [{ path: 'schemaVersion', message: expect.stringContaining('supports up to') }],
    });
    expect(parseWorkflowJson('{nope')).toEqual({
      ok: false,
      issues: [{ path: '', message: expect.stringContaining('Not valid JSON') }],
    });
    for (const junk of [null, 42, [], 'null', undefined]) {
      const parsed = parseWorkflowJson(junk);
      expect(parsed.ok).toBe(false);
    }
  });
});
