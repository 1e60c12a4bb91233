// `@vaultscope/test-fixtures/moto`: moto_server lifecycle, seeding and a recording proxy for tests and benchmarks.
export { freePort, startMoto, type MotoServer, type StartMotoOptions } from './server.js';
export { operationOf, startRecordingProxy, type ProxyAnswer, type ProxyOptions, type RecordedRequest, type RecordingProxy } from './proxy.js';
export {
  byAccountIdOf,
  jobListingEndpoint,
  jobListKindOf,
  organizationJobs,
  type JobListing,
  type JobListingEndpoint,
  type JobListKind,
  type OrganizationJobs,
  type OrgWideAnswer,
  type WireJob,
} from './backupJobs.js';
export {
  MOTO_CREDENTIALS,
  seedMotoOrganization,
  seedRegion,
  type MotoAccountSpec,
  type MotoOrganizationSpec,
  type MotoRegionSpec,
  type SeededAccount,
  type SeededOrganization,
  type Tags,
} from './seed.js';
export { htmlPage, startStub, type StubAnswer, type StubServer } from './stub.js';
export { startSilentServer, type SilentServer } from './silent.js';
export { defaultMotoSpec, MOTO_REGIONS, scaleMotoSpec, type ScaleSpecOptions } from './specs.js';
