export { sessions, users } from './auth';
export { docStates, docUpdates } from './docs';
export {
  datasetRows,
  datasets,
  experimentStatusEnum,
  experiments,
  experimentTrials,
  trialStatusEnum,
} from './experiments';
export { llmResults, runEvents, runStatusEnum, runs, runTriggerEnum } from './runs';
export { apiKeys, CREDENTIAL_PROVIDERS, credentials } from './secrets';
export { versions, workflows } from './workflows';
export { invitations, memberships, roleEnum, workspaces } from './workspaces';
