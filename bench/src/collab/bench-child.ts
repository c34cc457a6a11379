import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]);
}

/**
 * A bench child process (`module`, beside this file) asked one message at a time: `ask` sends one and resolves
 * with its reply, rejecting on the child's `{ error }`, its exit, or `timeoutMs` of silence.
 */
export function benchChild<Request, Reply extends object>(module: string, label: string, timeoutMs = 30_000) {
  const child = fork(fileURLToPath(new URL(module, import.meta.url)), [], {
    execArgv: ['--expose-gc', '--import', import.meta.resolve('tsx')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ask = (message: Request, what = label) =>
    withTimeout(
      new Promise<Reply>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`${label} exited with ${code}`));
        child.once('exit', onExit);
        child.once('message', (reply: Reply) => {
          child.off('exit', onExit);
          resolve(reply);
        });
        child.send(message as object);
      }),
      timeoutMs,
      what,
    ).then((reply) => {
      if ('error' in reply) throw new Error(`${label}: ${String(reply.error)}`);
      return reply;
    });
  return { child, ask };
}
