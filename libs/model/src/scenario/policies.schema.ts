// The levers a researcher or trainer pulls: standards, incentives, accountability, provenance, catalogue, open data.
import { z } from 'zod';

/** Liability regimes: who is blamed for a detected leak. */
export const LIABILITY_REGIMES = ['owner', 'holder', 'attributed'] as const;
/** Provenance modes: every record written, per-tick heads only, or none. */
export const PROVENANCE_MODES = ['full', 'digest', 'off'] as const;

/** Policy levers. Paths such as `policies.standards.adoption` are the names interventions and sweeps use. */
export const policiesSchema = z
  .strictObject({
    standards: z
      .strictObject({
        adoption: z.number().min(0).max(1).default(0.1).describe('fraction of datasets on the common data standard'),
        mismatchEffort: z.number().min(0).default(1).describe('extra effort of sending a legacy schema across systems'),
        mismatchFailureRate: z.number().min(0).max(1).default(0.2).describe('chance a cross-schema transfer fails'),
        mismatchQualityLoss: z.number().min(0).max(1).default(0.3).describe('share of quality lost in a schema mapping'),
      })
      .prefault({}),
    incentives: z
      .strictObject({
        pointsPerShare: z.number().min(0).default(0).describe('points (积分) paid to the owner per delivered share'),
        pointValue: z.number().min(0).default(1).describe('utility of one point'),
      })
      .prefault({}),
    accountability: z
      .strictObject({
        liabilityRegime: z.enum(LIABILITY_REGIMES).default('owner'),
        leakPenalty: z.number().min(0).default(100).describe('penalty for a detected leak'),
        detectionRate: z.number().min(0).max(1).default(0.5).describe('chance a leak is detected'),
        refusalPenalty: z.number().min(0).default(0).describe('penalty when an audited refusal is found unjustified'),
        auditRate: z.number().min(0).max(1).default(0).describe('chance a refusal of an allowed request is audited'),
        investigationAttribution: z.number().min(0).max(1).default(0.3).describe('chance an investigation finds the leaker without provenance'),
        fingerprintAttribution: z.number().min(0).max(1).default(0.95).describe('chance a fingerprinted copy identifies the leaker'),
      })
      .prefault({}),
    provenance: z.enum(PROVENANCE_MODES).default('full'),
    catalogue: z
      .strictObject({ coverage: z.number().min(0).max(1).default(0.85).describe('fraction of datasets listed in the sharing catalogue') })
      .prefault({}),
    openData: z
      .strictObject({ fraction: z.number().min(0).max(1).default(0.05).describe('fraction of datasets on the open list (开放清单)') })
      .prefault({}),
    conditional: z
      .strictObject({
        replyDeadline: z.number().int().min(1).default(10).describe('working days an owner has to answer an agreement application'),
        replyProbability: z.number().min(0).max(1).default(0.12).describe('chance per day that an owner answers a pending application'),
        escalationGrantRate: z.number().min(0).max(1).default(0.7).describe('chance an escalated (overdue) application is granted'),
        reapplyAfter: z.number().int().min(1).default(20).describe('days before a refused agreement may be applied for again'),
        agreementTerm: z.number().int().min(1).default(60).describe('days a granted agreement lasts before it must be renewed'),
        initialAgreementRate: z
          .number()
          .min(0)
          .max(1)
          .default(0.6)
          .describe('share of the conditional data that services need already covered by an agreement at tick 0 (lapsing at staggered times)'),
      })
      .prefault({}),
  })
  .prefault({});
