export type {
  FakeApi,
  FakeLlmServer,
  FakeLlmServerOptions,
  FakeReply,
  RecordedRequest,
} from './fake-llm-server';
export { startFakeLlmServer } from './fake-llm-server';
