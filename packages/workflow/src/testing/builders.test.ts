import { describe, expect, it } from 'vitest';
import { validate } from '../validate';
import { definition, edge, node } from './builders';

describe('test builders', () => {
  it('build a definition that validates, with type defaults under the given config', () => {
    const built = definition(
      [
        node('in', 'input', { fields: [{ name: 'q', type: 'string', required: true, description: '' }] }),
        node('say', 'template', { template: 'You asked {{inputs.q}}' }),
        node('out', 'output', { name: 'answer' }),
      ],
      [edge('in', 'say'), edge('say', 'out')],
    );
    expect(validate(built)).toEqual([]);
    expect(built.nodes[2]?.typeVersion).toBeGreaterThan(0);
    expect(built.edges[0]).toEqual({
      id: 'in-out-say',
      source: 'in',
      sourceHandle: 'out',
      target: 'say',
      targetHandle: 'in',
    });
  });
});
