import {
  appendRunEvents,
  documentName,
  type ExperimentProgress,
  experimentProgressSchema,
  type RunEventLike,
  type RunStart,
  writeExperimentProgress,
  writeRunStart,
} from '@tandem/workflow';
import { z } from 'zod';
import type { DirectDocuments } from './direct-documents';

export type RunsWriter = {
  /** Records a run on `workflow:<workflowId>:runs` (status running) and trims old runs. */
  startRun(workflowId: string, run: RunStart): Promise<void>;
  /** Appends events to the run's live timeline; resolves once stored. */
  appendEvents(workflowId: string, runId: string, events: readonly RunEventLike[]): Promise<void>;
  /** Publishes an experiment's progress (done / total, ETA) to everyone watching the workflow. */
  setExperimentProgress(workflowId: string, progress: ExperimentProgress): Promise<void>;
};

/** Experiments whose progress the runs document keeps. */
const MAX_EXPERIMENTS = 20;

const eventSchema = z.looseObject({
  type: z.string().min(1),
  runId: z.string().min(1),
  seq: z.number().int().nonnegative(),
  at: z.string().min(1),
  nodeId: z.string().optional(),
});

/**
 * The run worker's way into the runs document: a direct connection on this instance (shared with Redis
 * peers, whose clients see the writes through the Redis extension). Events are checked for the fields the
 * view needs and must belong to the run they are appended to.
 */
export function createRunsWriter(
  direct: DirectDocuments,
  limits: { maxRuns: number; maxEventsPerRun: number },
): RunsWriter {
  return {
    async startRun(workflowId, run) {
      await direct.withDocument(documentName(workflowId, 'runs'), (doc) =>
        writeRunStart(doc, run, limits.maxRuns),
      );
    },
    async appendEvents(workflowId, runId, events) {
      for (const event of events) {
        const parsed = eventSchema.safeParse(event);
        if (!parsed.success || event.runId !== runId)
          throw new TypeError(`run event does not belong to run ${runId} or lacks type/seq/at`);
      }
      await direct.withDocument(documentName(workflowId, 'runs'), (doc) =>
        appendRunEvents(doc, runId, events, limits.maxEventsPerRun),
      );
    },
    async setExperimentProgress(workflowId, progress) {
      const checked = experimentProgressSchema.parse(progress);
      await direct.withDocument(documentName(workflowId, 'runs'), (doc) =>
        writeExperimentProgress(doc, checked, MAX_EXPERIMENTS),
      );
    },
  };
}
