import { type ApiServices, type ExperimentConfig, progressDto, readExperimentConfig } from '@tandem/api';
import type { EndedTrial, Experiment, TrialCounts } from '@tandem/db';
import { evaluateRun, type JudgePort } from '@tandem/experiments';
import type { LlmProvider } from '@tandem/llm';
import type { ExperimentProgress } from '@tandem/workflow';
import type { Logger } from '../logger';
import { type LlmDefaults, runLlmClient } from '../runs/workspace-llm';
import { runUsage } from './trial-usage';

/** Where the driver publishes progress (collab's runs writer). */
export type ProgressWriter = {
  setExperimentProgress(workflowId: string, progress: ExperimentProgress): Promise<void>;
};

export type ExperimentDriverOptions = {
  services: Pick<ApiServices, 'repos' | 'secretBox' | 'transact' | 'runQueue'>;
  llmDefaults: LlmDefaults;
  progress: ProgressWriter | null;
  logger: Logger;
  /** How often running experiments are advanced (wake() advances at once). */
  pollMs: number;
  now?: () => Date;
};

export type ExperimentDriver = {
  start(): void;
  stop(): Promise<void>;
  /** Advances every experiment now (a run of one ended). */
  wake(): void;
  /** One pass over every active experiment (tests). */
  tick(): Promise<void>;
};

/** Trials evaluated at once per experiment (LLM judges run in parallel up to this). */
const SCORING_BATCH = 8;

/**
 * Moves experiments forward, from the database alone so any instance (or a restarted one) can take over:
 * it scores trials whose runs ended (`score` only changes a `running` trial, so a trial is counted once even
 * if two drivers race or a crash repeats the step), starts the next pending trials while fewer than the
 * experiment's concurrency are under way (a run is created and attached to its trial in one transaction,
 * so no run is orphaned or doubled), completes the experiment when nothing is left, and publishes
 * progress on the workflow's runs document.
 */
export function createExperimentDriver(options: ExperimentDriverOptions): ExperimentDriver {
  const { services, logger } = options;
  const { repos } = services;
  const now = options.now ?? (() => new Date());
  const published = new Map<string, string>();
  let timer: NodeJS.Timeout | null = null;
  let ticking: Promise<void> | null = null;
  let again = false;
  let running = false;

  function judgeFor(workspaceId: string, runId: string): JudgePort {
    return async (request) => {
      const llm = await runLlmClient(services, workspaceId, runId, options.llmDefaults);
      const response = await llm.complete({
        provider: request.provider as LlmProvider,
        model: request.model,
        messages: [{ role: 'user', content: request.prompt }],
        temperature: 0,
        idempotencyKey: request.idempotencyKey,
        ...(request.signal ? { signal: request.signal } : {}),
      });
      return {
        text: response.text,
        tokensIn: response.usage.tokensIn,
        tokensOut: response.usage.tokensOut,
        costUsd: response.costUsd,
      };
    };
  }

  async function score(experiment: Experiment, config: ExperimentConfig, trial: EndedTrial): Promise<void> {
    const runId = trial.runId;
    if (!runId) return;
    const status =
      trial.run.status === 'succeeded' || trial.run.status === 'cancelled' ? trial.run.status : 'failed';
    const results = await evaluateRun({
      evaluators: config.evaluators,
      run: { status, outputs: trial.run.outputs, error: trial.run.error },
      inputs: trial.inputs,
      expected: trial.expected && 'value' in trial.expected ? trial.expected.value : undefined,
      judge: judgeFor(experiment.workspaceId, runId),
      idempotencyPrefix: `judge:${trial.id}`,
    });
    const usage = runUsage(await repos.runEvents.list(runId));
    const latencyMs =
      trial.run.startedAt && trial.run.finishedAt
        ? Math.max(0, trial.run.finishedAt.getTime() - trial.run.startedAt.getTime())
        : null;
    await repos.experiments.score(trial.id, {
      runStatus: trial.run.status,
      outputs: trial.run.outputs,
      error: trial.run.error,
      results: results.map((result) => ({ ...result })),
      latencyMs,
      ...usage,
    });
  }

  /** Starts pending trials up to the experiment's concurrency; returns the counts as they are afterwards. */
  async function feed(
    experiment: Experiment,
    config: ExperimentConfig & { kind: 'dataset' },
    counts: TrialCounts,
  ): Promise<TrialCounts> {
    let started = 0;
    const trials = await repos.experiments.nextPending(experiment.id, config.concurrency - counts.running);
    for (const trial of trials) {
      const versionId = config.variants.find((variant) => variant.key === trial.variant)?.versionId;
      if (!versionId) continue;
      const run = await services
        .transact(async (tx) => {
          const created = await tx.runs.create({
            workflowId: experiment.workflowId,
            versionId,
            trigger: 'experiment',
            inputs: trial.inputs,
            startedBy: null,
            experimentId: experiment.id,
            variant: trial.variant,
          });
          // Another driver started this trial first: roll the run back.
          if (!(await tx.experiments.attachRun(trial.id, created.id))) throw new TrialTaken();
          return created;
        })
        .catch((error: unknown) => {
          if (error instanceof TrialTaken) return null;
          throw error;
        });
      if (!run) continue;
      started++;
      await services.runQueue.enqueue({ runId: run.id, workspaceId: experiment.workspaceId });
    }
    return { ...counts, pending: counts.pending - started, running: counts.running + started };
  }

  async function publish(
    experiment: Experiment,
    config: ExperimentConfig,
    counts: TrialCounts,
  ): Promise<void> {
    if (!options.progress) return;
    const { done, total, running, failedRuns, etaMs } = progressDto(experiment, counts, now(), config.kind);
    const progress: ExperimentProgress = {
      experimentId: experiment.id,
      name: experiment.name,
      kind: config.kind,
      status: experiment.status,
      done,
      total,
      running,
      failedRuns,
      etaMs,
      updatedAt: now().toISOString(),
    };
    const { updatedAt: _ignored, etaMs: _eta, ...stable } = progress;
    const key = JSON.stringify(stable);
    if (published.get(experiment.id) === key) return;
    await options.progress.setExperimentProgress(experiment.workflowId, progress);
    published.set(experiment.id, key);
  }

  async function advance(experiment: Experiment): Promise<void> {
    const read = readExperimentConfig(experiment.config);
    if (!read.ok) {
      logger.error('experiment has an invalid config; cancelling it', {
        experimentId: experiment.id,
        error: read.message,
      });
      await repos.experiments.setStatus(experiment.id, 'cancelled', ['draft', 'running']);
      return;
    }
    const config = read.config;
    for (;;) {
      const ended = await repos.experiments.ended(experiment.id, SCORING_BATCH);
      if (ended.length === 0) break;
      await Promise.all(ended.map((trial) => score(experiment, config, trial)));
      if (ended.length < SCORING_BATCH) break;
    }
    let current = experiment;
    let counts = await repos.experiments.counts(experiment.id);
    if (experiment.status === 'running' && config.kind === 'dataset') {
      counts = await feed(experiment, config, counts);
      if (counts.pending === 0 && counts.running === 0) {
        current = (await repos.experiments.setStatus(experiment.id, 'completed', ['running'])) ?? experiment;
        if (current.status === 'completed')
          logger.info('experiment completed', { experimentId: experiment.id, trials: counts.total });
      }
    }
    await publish(current, config, counts).catch((error: unknown) =>
      logger.warn('experiment progress not published', { experimentId: experiment.id, error: String(error) }),
    );
  }

  async function pass(): Promise<void> {
    const experiments = await repos.experiments.listActive();
    for (const experiment of experiments) {
      try {
        await advance(experiment);
      } catch (error) {
        logger.warn('experiment step failed; retrying on the next pass', {
          experimentId: experiment.id,
          error: String(error),
        });
      }
    }
  }

  function tick(): Promise<void> {
    if (ticking) {
      again = true;
      return ticking;
    }
    ticking = (async () => {
      try {
        do {
          again = false;
          await pass();
        } while (again);
      } catch (error) {
        logger.warn('experiment pass failed', { error: String(error) });
      } finally {
        ticking = null;
      }
    })();
    return ticking;
  }

  return {
    start() {
      if (running) return;
      running = true;
      timer = setInterval(() => void tick(), options.pollMs);
      timer.unref();
      void tick();
    },
    async stop() {
      running = false;
      if (timer) clearInterval(timer);
      timer = null;
      await ticking;
    },
    wake() {
      if (running) void tick();
    },
    tick,
  };
}

class TrialTaken extends Error {}
