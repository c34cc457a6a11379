import { randomUUID } from 'node:crypto';
import {
  type ApiServices,
  describeError,
  readExperimentConfig,
  runDto,
  startCanaryRun,
  startRun,
  verifyApiKey,
} from '@tandem/api';
import { TERMINAL_RUN_STATUSES } from '@tandem/db';
import { UserError } from '@tandem/workflow';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app';
import type { Logger } from '../logger';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WORKFLOW_NOT_FOUND = 'Workflow not found for this API key.';
const RUN_NOT_FOUND = 'Run not found for this API key.';

const bodySchema = z.object({
  inputs: z.record(z.string(), z.unknown(), { error: 'inputs must be a JSON object' }).default({}),
  /**
   * Who the call is for (an end user's id, a session): under a canary, one subject always gets the same
   * version. Without it each call is assigned at random.
   */
  subject: z
    .string()
    .min(1, 'subject must not be empty')
    .max(256, 'subject is limited to 256 characters')
    .optional(),
});

export type TriggerOptions = {
  services: ApiServices;
  logger: Logger;
  clock: () => Date;
  /** Longest `?wait=true` holds the request before answering 202 (default 60 s). */
  maxWaitMs: number;
  /** How often a waiting request re-reads the run. */
  waitPollMs: number;
};

const error = (
  c: Context<AppEnv>,
  status: 400 | 401 | 404 | 409 | 413 | 500,
  message: string,
  issues: unknown[] = [],
) => c.json({ error: { message, ...(issues.length > 0 ? { issues } : {}) } }, status);

/** What a caller of the HTTP trigger learns about a run. */
function runAnswer(run: Parameters<typeof runDto>[0]) {
  const dto = runDto(run);
  return {
    runId: dto.id,
    workflowId: dto.workflowId,
    versionId: dto.versionId,
    status: dto.status,
    outputs: dto.outputs,
    error: dto.error,
    createdAt: dto.createdAt,
    startedAt: dto.startedAt,
    finishedAt: dto.finishedAt,
  };
}

/**
 * The HTTP trigger: `POST /api/workflows/:id/runs` runs the workflow's PINNED version with `{ inputs }`,
 * authenticated by a workspace API key (`Authorization: Bearer tdm_…`, never the session cookie, so no CSRF
 * question arises); `GET /api/runs/:id` reads a run of the key's workspace. Another workspace's workflow or
 * run is answered like a missing one (404).
 */
export function mountTrigger(app: Hono<AppEnv>, options: TriggerOptions): void {
  const { services } = options;

  async function authenticate(c: Context<AppEnv>) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match?.[1]) return null;
    return verifyApiKey(services.repos, match[1], options.clock());
  }
  const unauthorized = (c: Context<AppEnv>) => {
    c.header('www-authenticate', 'Bearer');
    return error(c, 401, 'A valid API key is required: send "Authorization: Bearer <key>".');
  };

  app.post('/api/workflows/:id/runs', async (c) => {
    const key = await authenticate(c);
    if (!key) return unauthorized(c);
    const workflowId = c.req.param('id');
    const workflow = UUID.test(workflowId) ? await services.repos.workflows.get(workflowId) : null;
    if (!workflow || workflow.workspaceId !== key.workspaceId) return error(c, 404, WORKFLOW_NOT_FOUND);
    if (!workflow.pinnedVersionId) {
      return error(
        c,
        409,
        'This workflow has no pinned version. Pin a version in the editor before triggering it over HTTP.',
      );
    }
    const version = await services.repos.versions.get(workflow.pinnedVersionId);
    if (!version) return error(c, 409, 'The pinned version is gone. Pin another version.');

    let json: unknown;
    try {
      const text = await c.req.text();
      json = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return error(c, 400, 'The body must be JSON: { "inputs": { … } }.');
    }
    const body = bodySchema.safeParse(json);
    if (!body.success) {
      const issues = body.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }));
      return error(
        c,
        400,
        `Invalid body: ${issues.map((issue) => `${issue.path || 'body'}: ${issue.message}`).join('; ')}`,
        issues,
      );
    }
    let run: Awaited<ReturnType<typeof startRun>>;
    try {
      const canary = await services.repos.experiments.activeCanary(workflow.id);
      const canaryConfig = canary ? readExperimentConfig(canary.config) : null;
      if (canary && canaryConfig?.ok && canaryConfig.config.kind === 'canary') {
        ({ run } = await startCanaryRun(services, {
          workspaceId: workflow.workspaceId,
          canary,
          config: canaryConfig.config,
          subject: body.data.subject ?? randomUUID(),
          subjectGiven: body.data.subject !== undefined,
          inputs: body.data.inputs,
        }));
      } else {
        run = await startRun(services, {
          workspaceId: workflow.workspaceId,
          version,
          inputs: body.data.inputs,
          trigger: 'api',
          startedBy: null,
        });
      }
    } catch (caught) {
      if (caught instanceof UserError) {
        return error(c, caught.code === 'CONFLICT' ? 409 : 400, caught.message, caught.issues ?? []);
      }
      const described = describeError(caught);
      options.logger.error('trigger failed', { workflowId, error: String(caught) });
      return error(c, 500, described.message);
    }
    if (c.req.query('wait') !== 'true') return c.json({ runId: run.id, versionId: run.versionId }, 202);

    const deadline = Date.now() + options.maxWaitMs;
    let current = run;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, options.waitPollMs));
      current = (await services.repos.runs.get(run.id)) ?? current;
      if (TERMINAL_RUN_STATUSES.includes(current.status)) return c.json(runAnswer(current), 200);
    }
    return c.json({ runId: run.id, status: current.status }, 202);
  });

  app.get('/api/runs/:id', async (c) => {
    const key = await authenticate(c);
    if (!key) return unauthorized(c);
    const runId = c.req.param('id');
    const run = UUID.test(runId) ? await services.repos.runs.get(runId) : null;
    const workflow = run
      ? await services.repos.workflows.get(run.workflowId, { includeDeleted: true })
      : null;
    if (!run || !workflow || workflow.workspaceId !== key.workspaceId) return error(c, 404, RUN_NOT_FOUND);
    return c.json(runAnswer(run), 200);
  });
}
