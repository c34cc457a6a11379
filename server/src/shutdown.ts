import type { Server } from 'node:http';

export type ShutdownStep = { name: string; run: () => Promise<void> };

/**
 * Stops accepting connections, lets in-flight requests finish, then runs the cleanup steps in order
 * (flush, close the database). Anything still open at the deadline is cut so the process exits in time.
 */
export async function shutdownGracefully(
  server: Server,
  steps: readonly ShutdownStep[],
  options: { deadlineMs: number; onStepError: (name: string, error: unknown) => void },
): Promise<{ forced: boolean }> {
  let forced = false;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // Keep-alive sockets with no request in flight would hold close() open until they time out.
  server.closeIdleConnections();
  const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
  const deadline = new Promise<void>((resolve) =>
    setTimeout(() => {
      forced = true;
      server.closeAllConnections();
      resolve();
    }, options.deadlineMs).unref(),
  );
  await Promise.race([closed, deadline]);
  clearInterval(idleSweep);
  for (const step of steps) {
    try {
      await step.run();
    } catch (error) {
      options.onStepError(step.name, error);
    }
  }
  return { forced };
}
