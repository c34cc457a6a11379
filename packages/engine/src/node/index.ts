export { isForbiddenAddress } from './ip-ranges';
export { createSafeHttpClient, parseAllowList, type Resolver, type SafeHttpOptions } from './safe-http';
