import { type RunStatus as DbRunStatus, runStatusEnum } from '@tandem/db';
import { RUN_STATUSES, type RunStatus } from '@tandem/workflow';
import { describe, expect, expectTypeOf, it } from 'vitest';

// The runs document's status union is declared in @tandem/workflow (which may not import the database);
// collab writes db runs' statuses into it, so the two must stay one union. `tsc -p .` checks the types.
describe('run status', () => {
  it('is the same union in the runs document and the database', () => {
    expectTypeOf<RunStatus>().toEqualTypeOf<DbRunStatus>();
    expect([...RUN_STATUSES].sort()).toEqual([...runStatusEnum.enumValues].sort());
  });
});
