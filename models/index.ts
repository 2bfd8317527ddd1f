// The model's public face.
export * from './seq';
export * from './segment';
export * from './state';
export * from './input';
export * from './observation';
export * from './tcb';
export * from './rule';
export * from './rules';
export * from './profile';
export * from './outcome';
export { step } from './step';
export type { StepEnv } from './step';
export { nextDeadline } from './timers';
export { PROFILES, DEFAULT_PROFILE, findProfile } from './profiles';
