import type { DatasetRowInput, Repositories } from '@tandem/db';
import { rowsFromCsv, rowsFromJson } from '@tandem/experiments';
import { UserError } from '@tandem/workflow';
import { z } from 'zod';
import { ownedResourceAccess, workflowAccess, workspaceAccess } from '../access/access';
import type { Action } from '../access/policy';
import { datasetDto, datasetRowDto } from '../experiments/dto';
import { idInput } from '../inputs';
import { authedProcedure, router } from '../trpc';

const DATASET_NOT_FOUND = 'Dataset not found. It may have been deleted, or it is in another workspace.';
/** Rows one dataset may hold, and the JSON size of one row. */
export const MAX_DATASET_ROWS = 5_000;
const MAX_ROW_BYTES = 32 * 1024;
const MAX_IMPORT_CHARS = 5 * 1024 * 1024;

const INPUT_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

const rowInput = z
  .object({
    inputs: z.record(
      z.string().regex(INPUT_NAME, 'Input names are a letter or "_", then letters, digits or "_".'),
      z.unknown(),
    ),
    /** Omitted: the row has no expected output. */
    expected: z.unknown().optional(),
  })
  .refine((row) => JSON.stringify(row).length <= MAX_ROW_BYTES, 'A row is limited to 32 KiB of JSON.');

const rowsInput = z
  .array(rowInput)
  .max(MAX_DATASET_ROWS, `A dataset holds at most ${MAX_DATASET_ROWS} rows.`);
const nameInput = z.string().trim().min(1, 'Give the dataset a name.').max(80, 'Use at most 80 characters.');
const descriptionInput = z.string().trim().max(2000, 'Use at most 2,000 characters.');

const toRowInput = (row: { inputs: Record<string, unknown>; expected?: unknown }): DatasetRowInput =>
  'expected' in row && row.expected !== undefined
    ? { inputs: row.inputs, expected: row.expected }
    : { inputs: row.inputs };

async function datasetAccess(
  ctx: { services: { repos: Repositories }; auth: { user: { id: string } } },
  datasetId: string,
  action: Action,
) {
  const { repos } = ctx.services;
  const dataset = await repos.datasets.get(datasetId);
  await ownedResourceAccess(repos, ctx.auth.user.id, dataset, action, DATASET_NOT_FOUND);
  if (!dataset) throw new UserError('NOT_FOUND', DATASET_NOT_FOUND);
  return dataset;
}

async function appendChecked(
  repos: Repositories,
  datasetId: string,
  current: number,
  rows: DatasetRowInput[],
) {
  if (current + rows.length > MAX_DATASET_ROWS) {
    throw new UserError(
      'BAD_REQUEST',
      `A dataset holds at most ${MAX_DATASET_ROWS} rows; this one has ${current}.`,
    );
  }
  return repos.datasets.appendRows(datasetId, rows);
}

export const datasetsRouter = router({
  list: authedProcedure.input(z.object({ workspaceId: idInput })).query(async ({ ctx, input }) => {
    await workspaceAccess(ctx.services.repos, ctx.auth.user.id, input.workspaceId, 'dataset.list');
    return (await ctx.services.repos.datasets.listByWorkspace(input.workspaceId)).map(datasetDto);
  }),

  /** A dataset with a page of its rows, in order. */
  get: authedProcedure
    .input(
      z.object({
        datasetId: idInput,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(MAX_DATASET_ROWS).default(500),
      }),
    )
    .query(async ({ ctx, input }) => {
      const dataset = await datasetAccess(ctx, input.datasetId, 'dataset.read');
      const rows = await ctx.services.repos.datasets.rows(dataset.id, {
        offset: input.offset,
        limit: input.limit,
      });
      return { dataset: datasetDto(dataset), rows: rows.map(datasetRowDto) };
    }),

  create: authedProcedure
    .input(
      z.object({
        workspaceId: idInput,
        name: nameInput,
        description: descriptionInput.default(''),
        rows: rowsInput.default([]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await workspaceAccess(ctx.services.repos, ctx.auth.user.id, input.workspaceId, 'dataset.write');
      const dataset = await ctx.services.repos.datasets.create(
        {
          workspaceId: input.workspaceId,
          name: input.name,
          description: input.description,
          createdBy: ctx.auth.user.id,
        },
        input.rows.map(toRowInput),
      );
      return datasetDto(dataset);
    }),

  update: authedProcedure
    .input(
      z.object({ datasetId: idInput, name: nameInput.optional(), description: descriptionInput.optional() }),
    )
    .mutation(async ({ ctx, input }) => {
      await datasetAccess(ctx, input.datasetId, 'dataset.write');
      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
      };
      await ctx.services.repos.datasets.update(input.datasetId, patch);
      const dataset = await ctx.services.repos.datasets.get(input.datasetId);
      if (!dataset) throw new UserError('NOT_FOUND', DATASET_NOT_FOUND);
      return datasetDto(dataset);
    }),

  /** Saves the table editor: every row at once, in order. */
  setRows: authedProcedure
    .input(z.object({ datasetId: idInput, rows: rowsInput }))
    .mutation(async ({ ctx, input }) => {
      await datasetAccess(ctx, input.datasetId, 'dataset.write');
      const rowCount = await ctx.services.repos.datasets.replaceRows(
        input.datasetId,
        input.rows.map(toRowInput),
      );
      return { rowCount };
    }),

  /**
   * Imports CSV (a header row; an `expected` column is the expected output) or JSON (an array of rows),
   * appending to or replacing the rows. A malformed file changes nothing and says what is wrong where.
   */
  import: authedProcedure
    .input(
      z.object({
        datasetId: idInput,
        format: z.enum(['csv', 'json']),
        text: z.string().max(MAX_IMPORT_CHARS, 'Imports are limited to 5 MB.'),
        mode: z.enum(['append', 'replace']).default('append'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const dataset = await datasetAccess(ctx, input.datasetId, 'dataset.write');
      const parsed =
        input.format === 'csv'
          ? rowsFromCsv(input.text, MAX_DATASET_ROWS)
          : rowsFromJson(input.text, MAX_DATASET_ROWS);
      if (!parsed.ok) throw new UserError('BAD_REQUEST', parsed.message);
      const rows = parsed.rows.map(toRowInput);
      for (const [index, row] of rows.entries()) {
        if (JSON.stringify(row).length > MAX_ROW_BYTES)
          throw new UserError('BAD_REQUEST', `Row ${index + 1} is larger than 32 KiB.`);
      }
      const { repos } = ctx.services;
      const rowCount =
        input.mode === 'replace'
          ? await repos.datasets.replaceRows(dataset.id, rows)
          : await appendChecked(repos, dataset.id, dataset.rowCount, rows);
      return { imported: rows.length, rowCount };
    }),

  /** "Add this run's inputs": appends a run's inputs (and, if asked, its outputs as the expected output). */
  addRunInputs: authedProcedure
    .input(z.object({ datasetId: idInput, runId: idInput, outputsAsExpected: z.boolean().default(false) }))
    .mutation(async ({ ctx, input }) => {
      const dataset = await datasetAccess(ctx, input.datasetId, 'dataset.write');
      const { repos } = ctx.services;
      const run = await repos.runs.get(input.runId);
      const notFound = 'Run not found. It may belong to a workflow you cannot see.';
      if (!run) throw new UserError('NOT_FOUND', notFound);
      const { workflow } = await workflowAccess(repos, ctx.auth.user.id, run.workflowId, 'run.read').catch(
        () => {
          throw new UserError('NOT_FOUND', notFound);
        },
      );
      if (workflow.workspaceId !== dataset.workspaceId) {
        throw new UserError('BAD_REQUEST', 'The run belongs to another workspace than the dataset.');
      }
      if (input.outputsAsExpected && run.status !== 'succeeded') {
        throw new UserError('BAD_REQUEST', 'Only a succeeded run has outputs to use as the expected output.');
      }
      const outputs = run.outputs ?? {};
      const values = Object.values(outputs);
      const expected = Object.keys(outputs).length === 1 ? values[0] : outputs;
      const row: DatasetRowInput = input.outputsAsExpected
        ? { inputs: run.inputs, expected }
        : { inputs: run.inputs };
      const rowCount = await appendChecked(repos, dataset.id, dataset.rowCount, [row]);
      return { rowCount };
    }),

  delete: authedProcedure.input(z.object({ datasetId: idInput })).mutation(async ({ ctx, input }) => {
    await datasetAccess(ctx, input.datasetId, 'dataset.write');
    await ctx.services.repos.datasets.delete(input.datasetId);
    return { ok: true as const };
  }),
});
