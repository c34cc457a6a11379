import type { Connection, Document, Extension } from '@hocuspocus/server';
import { type DocumentKind, encodeNotice, type Problem, parseDocumentName } from '@tandem/workflow';
import { CollabError } from './close-codes';
import { checkCommentsUpdate } from './comment-rules';
import { schemaProblems } from './graph-problems';
import type { CollabLogger } from './ports';
import { type CollabContext, identityOf } from './session';
import { carriesUpdate, inspectUpdate } from './yjs-update';

type GraphState = {
  /** The newest result; `[]` until the first check has run. */
  problems: Problem[];
  /** Whether a check has run since the document was loaded. */
  checked: boolean;
  timer: NodeJS.Timeout | null;
};

export type Validation = { extension: Extension<CollabContext>; dispose(): void };

function kindOf(documentName: string): DocumentKind | null {
  return parseDocumentName(documentName)?.kind ?? null;
}

/** What a connection that was never sent a problems notice has in effect been told. */
const NONE_SENT = '[]';

/**
 * Content checks. Before anything is stored or applied (`beforeSync`, ahead of persistence by priority):
 * an update that does not decode closes the socket as malformed; a comments update must pass the comment
 * rules or the document connection is closed as forbidden. After a graph changes: schema problems are
 * reported to the document's clients as a `tandem/problems` notice (and to each client that joins).
 *
 * The schema check is a full `materialise` (~100 ms for a 5,000-node graph) whose only output is a notice,
 * so it never runs on the load path: a graph is first checked `problemsDebounceMs` after its first client
 * connected (by then it has been served), and after changes at most once per `problemsDebounceMs`
 * (trailing: the check reads the document when it fires, so it covers every change since it was armed).
 * Each connection is sent each distinct result at most once, whether it joined before or after the check.
 */
export function createValidation(options: { problemsDebounceMs: number; logger: CollabLogger }): Validation {
  const graphs = new Map<Document, GraphState>();
  /** The problems (as JSON) each connection was last sent. */
  const sent = new WeakMap<Connection, string>();

  /** Problem reporting must never stop a document from being served or take the process down. */
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

  function tell(connection: Connection, problems: Problem[], json: string): void {
    if ((sent.get(connection) ?? NONE_SENT) === json) return;
    sent.set(connection, json);
    connection.sendStateless(encodeNotice({ type: 'tandem/problems', problems }));
  }

  function check(document: Document, state: GraphState): void {
    state.timer = null;
    if (document.isDestroyed) return;
    const problems = problemsOf(document);
    state.checked = true;
    if (!problems) return;
    state.problems = problems;
    const json = JSON.stringify(problems);
    // This instance's connections only: other instances check the same content for their own clients.
    for (const connection of document.getConnections()) tell(connection, problems, json);
  }

  function schedule(document: Document, state: GraphState): void {
    if (state.timer || document.isDestroyed) return;
    state.timer = setTimeout(() => check(document, state), options.problemsDebounceMs);
    state.timer.unref();
  }

  const extension: Extension<CollabContext> = {
    extensionName: 'tandem-validation',
    // Runs before persistence (priority 100): nothing refused here is ever appended.
    priority: 200,

    async afterLoadDocument({ document, documentName }) {
      if (kindOf(documentName) !== 'graph') return;
      // Not checked here: Hocuspocus awaits this hook before it serves the document.
      graphs.set(document, { problems: [], checked: false, timer: null });
      document.on('destroy', () => {
        const state = graphs.get(document);
        if (state?.timer) clearTimeout(state.timer);
        graphs.delete(document);
      });
    },

    async onChange({ document }) {
      const state = graphs.get(document);
      if (state) schedule(document, state);
    },

    async connected({ connection }) {
      const state = graphs.get(connection.document);
      if (!state) return;
      // The document is about to be served to this connection (its SyncStep1 goes on in the auth extension's
      // `connected`): the first check runs once that is out of the way, and reaches it with everyone else.
      if (!state.checked) schedule(connection.document, state);
      else tell(connection, state.problems, JSON.stringify(state.problems));
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
