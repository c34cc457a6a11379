import { HocuspocusProvider } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { serverUpdateOf } from './sync-message';

type UpdateListener = (
  update: Uint8Array,
  origin: unknown,
  doc: Y.Doc,
  transaction: Y.Transaction | null,
) => void;
/** lib0's Observable keeps its listeners here; Yjs checks this map to decide whether to encode updates. */
type Observers = Map<string, Set<UpdateListener>>;

const observersOf = (doc: Y.Doc) => (doc as unknown as { _observers: Observers })._observers;

/**
 * A HocuspocusProvider that lets Yjs skip re-encoding what the server sends.
 *
 * Yjs encodes every transaction's update again for the document's `update` listeners: the provider's own
 * (which ignores what it applied itself) and an offline store's (y-indexeddb, which saves it). A server
 * message already carries that update, so while one is applied the `update` listeners are detached and then
 * handed the message's own bytes. For a new client opening a 5,000-node workflow that is the 1.3 MB it just
 * decoded, not encoded a second time (about 20-60 % of the open on the client).
 *
 * A change made by anything else while the message applies (an observer or `synced` handler writing to the
 * document) is not lost: the listeners then get everything since the message started, with no origin, so the
 * provider sends it like any local edit.
 */
export class TandemProvider extends HocuspocusProvider {
  override onMessage(event: MessageEvent): void {
    const update = serverUpdateOf(event.data);
    const doc = this.document;
    const observers = observersOf(doc);
    const listeners = observers.get('update');
    // Nothing to spare, or a listener this does not know how to serve (v2 updates): the usual path.
    if (update === null || listeners === undefined || observers.has('updateV2')) {
      super.onMessage(event);
      return;
    }
    const before = Y.encodeStateVector(doc);
    let changed = false;
    let foreign = false;
    const watch = (transaction: Y.Transaction) => {
      const changedSomething = transaction.changed.size > 0 || transaction.deleteSet.clients.size > 0;
      if (!changedSomething) return;
      changed = true;
      if (transaction.origin !== this) foreign = true;
    };
    observers.delete('update');
    doc.on('afterTransaction', watch);
    try {
      super.onMessage(event);
    } finally {
      doc.off('afterTransaction', watch);
      // Listeners added while the message applied join the ones set aside.
      const added = observers.get('update');
      if (added) for (const listener of added) listeners.add(listener);
      observers.set('update', listeners);
    }
    if (!changed) return;
    const [bytes, origin] = foreign ? [Y.encodeStateAsUpdate(doc, before), null] : [update, this];
    for (const listener of [...listeners]) listener(bytes, origin, doc, null);
  }
}
