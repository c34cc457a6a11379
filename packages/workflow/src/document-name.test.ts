import { describe, expect, it } from 'vitest';
import { documentName, parseDocumentName } from './document-name';

describe('document names', () => {
  it('round-trips each of a workflow’s three documents', () => {
    for (const kind of ['graph', 'comments', 'runs'] as const) {
      expect(parseDocumentName(documentName('wf_123', kind))).toEqual({ workflowId: 'wf_123', kind });
    }
  });

  it.each([
    '',
    'workflow:',
    'workflow:abc:history',
    'workflow:abc:runs:extra',
    'workspace:abc',
    'workflow:../../etc',
    `workflow:${'a'.repeat(65)}`,
    'workflow:abc\n',
  ])('refuses %j', (name) => {
    expect(parseDocumentName(name)).toBeNull();
  });
});
