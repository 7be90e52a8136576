/** The twin: a pure, deterministic, closed-form model of a timing chain. */
export { formatNs } from './alertMessage'
export type { Alert, AlertRule } from './alerts'
export type { Twin, TwinMonitor, TwinNode } from './buildTwin'
export { buildTwin } from './buildTwin'
export type { ChainInput } from './chainSchema'
export { chainSchema } from './chainSchema'
export type { Chain, ChainNode, Monitor, ObservableKind } from './chainShape'
export {
  chainNodeSchema,
  chainShapeSchema,
  monitorSchema,
  OBSERVABLES,
} from './chainShape'
export { type ChainCheckOptions, checkAttacks, checkChain } from './checkChain'
export type {
  ActiveEffect,
  Attack,
  Effect,
  EffectKind,
  EffectOf,
  EffectTemplate,
} from './effectSchema'
export {
  ATTACK_EFFECTS,
  attackSchema,
  effectSchema,
  effectTemplateSchema,
  MITIGATION_EFFECTS,
  ntpShiftNs,
  resolveEffect,
} from './effectSchema'
export { effectTargetProblem } from './effectTargets'
export type { NodeState, TwinState } from './evaluateTwin'
export { evaluateTwin, statusesAt, teamView } from './evaluateTwin'
export { holdoverCrossingS, holdoverModel } from './holdover'
export type { AlertChange, StatusChange, TwinChange } from './nextTwinChange'
export { nextTwinChange } from './nextTwinChange'
export type { Observation } from './observables'
export type { NodeKind, Oscillator, Sector } from './parameters'
export { NODE_KINDS, OSCILLATORS, SECTOR_TOLERANCES, SECTORS } from './parameters'
export type { Mode } from './segment'
export type { Status } from './status'
