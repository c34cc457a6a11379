import type { AppRouter } from '@tandem/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';
import { rememberRetryAfter } from './retry-after';

/** Reads `Retry-After` off refused answers, since tRPC errors do not carry response headers. */
async function fetchWithRetryAfter(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.status === 429) rememberRetryAfter(response.headers.get('retry-after'));
  return response;
}

/** The one tRPC client of the app; cookies ride along because `/trpc` is same-origin. */
export const trpc = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc', fetch: fetchWithRetryAfter })],
});

export type TrpcClient = typeof trpc;

type Answer<F> = F extends (...args: never[]) => Promise<infer R> ? R : never;

export type SessionUserView = NonNullable<Answer<TrpcClient['auth']['me']['query']>['user']>;
export type WorkspaceView = Answer<TrpcClient['workspaces']['list']['query']>[number];
export type WorkflowView = Answer<TrpcClient['workflows']['list']['query']>[number];
export type WorkflowDetail = Answer<TrpcClient['workflows']['get']['query']>;
export type MemberView = Answer<TrpcClient['members']['list']['query']>[number];
export type InvitationView = Answer<TrpcClient['members']['invitations']['query']>[number];
export type ApiKeyView = Answer<TrpcClient['apiKeys']['list']['query']>[number];
export type CredentialView = Answer<TrpcClient['credentials']['list']['query']>[number];
export type Role = WorkspaceView['role'];
