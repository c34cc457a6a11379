import type { Document, Extension } from '@hocuspocus/server';
import { type DocumentKind, encodeNotice, type Problem, parseDocumentName } from '@tandem/workflow';
import { CollabError } from './close-codes';
import { checkCommentsUpdate } from './comment-rules';
import { schemaProblems } from './graph-problems';
import type { CollabLogger } from './ports';
import { type CollabContext, identityOf } from './session';
import { carriesUpdate, inspectUpdate } from './yjs-update';

type GraphState = { problems: Problem[]; json: string; timer: NodeJS.Timeout | null };

export type Validation = { extension: Extension<CollabContext>; dispose(): void };

function kindOf(documentName: string): DocumentKind | null {
  return parseDocumentName(documentName)?.kind ?? null;
}

/**
 * Content checks. Before anything is stored or applied (`beforeSync`, ahead of persistence by priority):
 * an update that does not decode closes the socket as malformed; a comments update must pass the comment
 * rules or the document connection is closed as forbidden. After a graph changes: schema problems are
 * reported to the document's clients as a `tandem/problems` notice (and to each client that joins).
 */
export function createValidation(options: { problemsDebounceMs: number; logger: CollabLogger }): Validation {
  const graphs = new Map<Document, GraphState>();

  /** Problem reporting must never stop a document from loading or take the process down. */
  function problemsOf(document: Document): Problem[] | null {
    try {
      return schemaProblems(document);
    } catch (error) {
      options.logger.error('collab could not check a graph for problems', {
        document: document.name,
        error: String(error),
      });
      return null;
    }
  }

  function check(document: Document, state: GraphState): void {
    state.timer = null;
    if (document.isDestroyed) return;
    const problems = problemsOf(document);
    if (!problems) return;
    const json = JSON.stringify(problems);
    if (json === state.json) return;
    state.problems = problems;
    state.json = json;
    const notice = encodeNotice({ type: 'tandem/problems', problems });
    // This instance's connections only: other instances check the same content for their own clients.
    for (const connection of document.getConnections()) connection.sendStateless(notice);
  }

  const extension: Extension<CollabContext> = {
    extensionName: 'tandem-validation',
    // Runs before persistence (priority 100): nothing refused here is ever appended.
    priority: 200,

    async afterLoadDocument({ document, documentName }) {
      if (kindOf(documentName) !== 'graph') return;
      const problems = problemsOf(document) ?? [];
      graphs.set(document, { problems, json: JSON.stringify(problems), timer: null });
      document.on('destroy', () => {
        const state = graphs.get(document);
        if (state?.timer) clearTimeout(state.timer);
        graphs.delete(document);
      });
    },

    async onChange({ document }) {
      const state = graphs.get(document);
      if (!state || state.timer) return;
      state.timer = setTimeout(() => check(document, state), options.problemsDebounceMs);
      state.timer.unref();
    },

    async connected({ connection }) {
      const state = graphs.get(connection.document);
      if (state && state.problems.length > 0)
        connection.sendStateless(encodeNotice({ type: 'tandem/problems', problems: state.problems }));
    },

    async beforeSync({ type, payload, connection, document, documentName }) {
      if (!carriesUpdate(type)) return;
      const shape = inspectUpdate(payload);
      if (shape === 'malformed') {
        connection.context.socket?.close('malformed-message');
        throw new CollabError('malformed-message', 'undecodable Yjs update');
      }
      if (shape === 'empty' || connection.readOnly || kindOf(documentName) !== 'comments') return;
      const identity = identityOf(connection.context);
      if (!identity) throw new CollabError('unauthorized');
      const refusal = checkCommentsUpdate(document, payload, identity.user, identity.role);
      if (refusal) {
        options.logger.warn('collab refused a comments update', {
          document: documentName,
          user: identity.user.id,
          reason: refusal.message,
        });
        throw refusal;
      }
    },
  };

  return {
    extension,
    dispose() {
      for (const state of graphs.values()) if (state.timer) clearTimeout(state.timer);
    },
  };
}
