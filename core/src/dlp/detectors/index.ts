import type { Detector } from '../types.ts';
import { usBankRouting } from './bank-routing.ts';
import {
  awsSecretAccessKey,
  azureSasToken,
  azureStorageKey,
  databricksToken,
  digitaloceanToken,
} from './cloud-keys.ts';
import { creditCard } from './credit-card.ts';
import { email } from './email.ts';
import { genericSecret } from './generic-secret.ts';
import { iban } from './iban.ts';
import { ipv4, ipv6 } from './ip-address.ts';
import { inAadhaar, ukNhsNumber } from './national-ids.ts';
import { phoneE164, phoneNanp, phoneNational } from './phone.ts';
import {
  anthropicKey,
  awsAccessKeyId,
  githubPat,
  googleApiKey,
  openaiKey,
  slackToken,
  stripeSecret,
  stripeTestSecret,
} from './provider-keys.ts';
import {
  atlassianToken,
  mailgunKey,
  sendgridKey,
  shopifyToken,
  slackWebhook,
  twilioApiKey,
  twilioAuthToken,
} from './saas-keys.ts';
import { jwt, privateKey } from './token-formats.ts';
import { usSsn, usSsnSpaced } from './us-ssn.ts';
import {
  githubAppToken,
  githubFineGrainedPat,
  gitlabPat,
  huggingfaceToken,
  npmToken,
  pypiToken,
} from './vcs-keys.ts';

/**
 * Order matters only to break ties between equally severe, equally long findings on one span:
 * the provider rules come before the generic assignment rule so the more specific rule id wins.
 */
export const BUILTIN_DETECTORS: readonly Detector[] = Object.freeze([
  creditCard,
  awsAccessKeyId,
  awsSecretAccessKey,
  githubPat,
  githubFineGrainedPat,
  githubAppToken,
  gitlabPat,
  slackToken,
  slackWebhook,
  stripeSecret,
  stripeTestSecret,
  anthropicKey,
  openaiKey,
  googleApiKey,
  azureStorageKey,
  azureSasToken,
  twilioApiKey,
  twilioAuthToken,
  sendgridKey,
  npmToken,
  pypiToken,
  huggingfaceToken,
  mailgunKey,
  digitaloceanToken,
  shopifyToken,
  databricksToken,
  atlassianToken,
  jwt,
  privateKey,
  genericSecret,
  usSsn,
  usSsnSpaced,
  iban,
  usBankRouting,
  ukNhsNumber,
  inAadhaar,
  phoneE164,
  phoneNanp,
  phoneNational,
  email,
  ipv4,
  ipv6,
]);

/** The name the foundation used; kept for callers written against it. */
export const SEED_DETECTORS = BUILTIN_DETECTORS;
