import { OperationalError, SchemaVersionError, UserError } from '@tandem/workflow';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeError } from './errors';

describe('describeError', () => {
  it('keeps a user error’s code, message and field issues', () => {
    const error = new UserError('NOT_FOUND', 'No workflow with that id in this workspace.', [
      { path: 'id', message: 'unknown' },
    ]);
    expect(describeError(error)).toEqual({
      code: 'NOT_FOUND',
      message: 'No workflow with that id in this workspace.',
      issues: [{ path: 'id', message: 'unknown' }],
      expected: true,
    });
  });

  it('unwraps a user error that tRPC wrapped', () => {
    const wrapped = new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      cause: new UserError('FORBIDDEN', 'Viewers cannot edit.'),
    });
    expect(describeError(wrapped)).toMatchObject({ code: 'FORBIDDEN', message: 'Viewers cannot edit.' });
  });

  it('maps a newer schema version to CONFLICT with a message naming both versions', () => {
    expect(describeError(new SchemaVersionError(9, 1))).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/schema version 9.*up to 1/),
    });
  });

  it('turns zod issues into dotted field paths', () => {
    const result = z.object({ name: z.string(), nodes: z.array(z.object({ id: z.string() })) }).safeParse({
      name: 1,
      nodes: [{ id: 2 }],
    });
    const described = describeError(result.error);
    expect(described.code).toBe('BAD_REQUEST');
    expect(described.issues.map((issue) => issue.path)).toEqual(['name', 'nodes.0.id']);
  });

  it('says a dependency failed without its detail', () => {
    const described = describeError(new OperationalError('connect ECONNREFUSED 10.0.0.5:5432'));
    expect(described).toMatchObject({ code: 'SERVICE_UNAVAILABLE', expected: false });
    expect(described.message).not.toContain('10.0.0.5');
  });

  it('gives a bug a generic message and nothing of its detail', () => {
    const described = describeError(new TypeError("Cannot read properties of undefined (reading 'apiKey')"));
    expect(described.code).toBe('INTERNAL_SERVER_ERROR');
    expect(described.message).not.toMatch(/apiKey/);
    expect(described.expected).toBe(false);
  });
});
