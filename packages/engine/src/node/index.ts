export { isForbiddenAddress } from './ip-ranges';
export { createSafeHttpClient, parseAllowList, type Resolver, type SafeHttpOptions } from './safe-http';
export {
  createWorkerCodeSandbox,
  type WorkerCodeSandbox,
  type WorkerCodeSandboxOptions,
} from './worker-sandbox';
