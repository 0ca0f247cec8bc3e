import type { Detector } from '../types.ts';
import { creditCard } from './credit-card.ts';
import { email } from './email.ts';
import { genericSecret } from './generic-secret.ts';
import { ipv4, ipv6 } from './ip-address.ts';
import {
  anthropicKey,
  awsAccessKeyId,
  githubPat,
  googleApiKey,
  openaiKey,
  slackToken,
  stripeSecret,
} from './provider-keys.ts';
import { jwt, privateKey } from './token-formats.ts';
import { usSsn, usSsnSpaced } from './us-ssn.ts';

/**
 * Order matters only to break ties between equally severe, equally long findings on one span:
 * the provider rules come before the generic assignment rule so the more specific rule id wins.
 */
export const BUILTIN_DETECTORS: readonly Detector[] = Object.freeze([
  creditCard,
  awsAccessKeyId,
  githubPat,
  slackToken,
  stripeSecret,
  anthropicKey,
  openaiKey,
  googleApiKey,
  jwt,
  privateKey,
  genericSecret,
  usSsn,
  usSsnSpaced,
  email,
  ipv4,
  ipv6,
]);

/** The name the foundation used; kept for callers written against it. */
export const SEED_DETECTORS = BUILTIN_DETECTORS;
