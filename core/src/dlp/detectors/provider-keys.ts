import { looksLikePlaceholder, looksRandom } from '../checks/placeholder.ts';
import type { Detector } from '../types.ts';

/*
 * Credentials whose provider gives them a fixed prefix. The prefix is both the prefilter keyword
 * and the regex anchor; the validators only throw out documentation stand-ins. Sample values are
 * assembled from pieces so repository secret scanners do not flag this file.
 */

const notPlaceholder = (value: string): boolean => !looksLikePlaceholder(value);

export const awsAccessKeyId: Detector = {
  id: 'aws-access-key-id',
  description: 'AWS access key id (AKIA/ASIA + 16 base32 characters)',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['akia', 'asia'],
  pattern: /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z2-7]{16}(?![A-Za-z0-9])/g,
  validate: notPlaceholder,
  samples: {
    truePositives: ['aws_access_key_id=' + 'AKIA' + 'Z7QH3LMB2VXRK5TD', 'sts ' + 'ASIA' + 'QW3RT5YU7IOPL2KJ'],
    falsePositives: ['AKIA' + 'IOSFODNN7EXAMPLE', 'AKIA' + 'XXXXXXXXXXXXXXXX', 'xAKIA' + 'Z7QH3LMB2VXRK5TD'],
  },
};

export const githubPat: Detector = {
  id: 'github-pat',
  description: 'GitHub classic personal access token (ghp_ + 36 characters)',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['ghp_'],
  pattern: /(?<![A-Za-z0-9_])ghp_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  validate: notPlaceholder,
  samples: {
    truePositives: ['GH_TOKEN=' + 'ghp_' + 'R8kd2LqP0zXv7NwT3bYh5sJm9cFa1GeU6oKi'],
    falsePositives: ['ghp_' + 'x'.repeat(36), 'ghp_' + 'tooShort123', 'see ghp_<token>'],
  },
};

export const slackToken: Detector = {
  id: 'slack-token',
  description: 'Slack bot, user, app or refresh token (xox…)',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['xox'],
  pattern:
    /(?<![A-Za-z0-9-])xox[baprs]-[0-9]{8,14}-[0-9A-Za-z]{8,}(?:-[0-9A-Za-z]{8,}){0,2}(?![A-Za-z0-9-])/g,
  validate: notPlaceholder,
  samples: {
    truePositives: ['SLACK=' + 'xoxb-' + '283749102837-4829103847561-Zq8Lm2Kx7PvR4tWn9YbC3dHs'],
    falsePositives: [
      'xoxb-' + 'your-token-here',
      'xoxb-' + '000000000000-0000000000000-XXXXXXXXXXXXXXXXXXXXXXXX',
    ],
  },
};

export const stripeSecret: Detector = {
  id: 'stripe-secret',
  description: 'Stripe live secret or restricted key (sk_live_/rk_live_)',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['sk_live_', 'rk_live_'],
  pattern: /(?<![A-Za-z0-9_])[sr]k_live_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/g,
  validate: (value) => looksRandom(value.slice(8)),
  samples: {
    truePositives: [
      'stripe ' + 'sk_live_' + '51Hx9KqLm2Pz7RtV4wYb8NcD3fGj',
      'rk_live_' + 'Tq7Wz2Lk9Xm4Pv8Rb3Nc6Yd1Hf',
    ],
    falsePositives: ['sk_live_' + 'XXXXXXXXXXXXXXXXXXXXXXXX', 'pk_live_' + '51Hx9KqLm2Pz7RtV4wYb8NcD3fGj'],
  },
};

/**
 * Test-mode keys cannot move money but read and write the account's test data (customers, webhooks),
 * so they are reported, one level below live keys.
 */
export const stripeTestSecret: Detector = {
  id: 'stripe-test-secret',
  description: 'Stripe test-mode secret or restricted key (sk_test_/rk_test_)',
  type: 'API_KEY_LIKE',
  severity: 'MEDIUM',
  keywords: ['sk_test_', 'rk_test_'],
  pattern: /(?<![A-Za-z0-9_])[sr]k_test_[A-Za-z0-9]{20,247}(?![A-Za-z0-9_])/g,
  validate: (value) => looksRandom(value.slice(8)),
  samples: {
    truePositives: ['stripe.api_key = "' + 'sk_test_' + '51Hx9KqLm2Pz7RtV4wYb8NcD3fGj"'],
    falsePositives: ['sk_test_' + 'XXXXXXXXXXXXXXXXXXXXXXXX', 'pk_test_' + '51Hx9KqLm2Pz7RtV4wYb8NcD3fGj'],
  },
};

export const openaiKey: Detector = {
  id: 'openai-key',
  description: 'OpenAI API key (sk-, sk-proj-, sk-svcacct-)',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['sk-'],
  // sk-ant- belongs to Anthropic; the lookahead keeps the two rules from racing for one key.
  pattern: /(?<![A-Za-z0-9_-])sk-(?!ant-)(?:(?:proj|svcacct|admin)-)?[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g,
  validate: (value) => looksRandom(value, 3.5) && /\d/.test(value),
  samples: {
    truePositives: [
      'OPENAI_API_KEY=' + 'sk-proj-' + 'Hq3Zt8LmR2xV7nWp4KbY9cJd1FsG6aEo5UiT0rQw_ZyXkMnB',
      'key: ' + 'sk-' + 'F8r2Lq9ZxV3mN7tW1kP5yH4bJ6cD0sGaQeRtYuIo',
    ],
    falsePositives: [
      'sk-' + 'x'.repeat(48),
      'sk-' + 'your-openai-api-key-goes-right-here-ok',
      'sk-ant-api03-abc',
    ],
  },
};

export const anthropicKey: Detector = {
  id: 'anthropic-key',
  description: 'Anthropic API key (sk-ant-…)',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['sk-ant-'],
  pattern: /(?<![A-Za-z0-9_-])sk-ant-[a-z]+\d{2}-[A-Za-z0-9_-]{32,}(?![A-Za-z0-9_-])/g,
  validate: (value) => looksRandom(value, 3.5),
  samples: {
    truePositives: [
      'ANTHROPIC_API_KEY=' + 'sk-ant-api03-' + 'Xk9Lq2Zr7Vm3Np8Wt4Yb6Hc1Jd5Fs0GaEoUiRtQwZy-AbC_dEf',
    ],
    falsePositives: ['sk-ant-api03-' + 'X'.repeat(40), 'sk-ant-' + '...'],
  },
};

export const googleApiKey: Detector = {
  id: 'google-api-key',
  description: 'Google API key (AIza + 35 characters)',
  type: 'API_KEY_LIKE',
  severity: 'CRITICAL',
  keywords: ['aiza'],
  pattern: /(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}(?![A-Za-z0-9_-])/g,
  validate: notPlaceholder,
  samples: {
    truePositives: ['maps key ' + 'AIza' + 'SyD4kQ9zLm2Xr7Vt3Np8Wb6Hc1Jf5Gs0EaY'],
    falsePositives: ['AIza' + 'X'.repeat(35), 'AIza' + 'Sy-short'],
  },
};
