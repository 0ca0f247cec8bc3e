import { vendorKey } from './vendor-key.ts';

/* Messaging, email and commerce SaaS credentials; samples assembled from pieces (see vcs-keys). */

const HEX32 = '9f8e2a7c41b0d3e65f1a8c2b7d49e03f';

export const slackWebhook = vendorKey({
  id: 'slack-webhook',
  description: 'Slack incoming webhook or workflow trigger URL',
  keywords: ['hooks.slack.com'],
  pattern:
    /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/T[A-Z0-9]{8,12}\/[AB][A-Z0-9]{8,12}\/[A-Za-z0-9]{24,48}(?![A-Za-z0-9])/g,
  prefixLength: 30,
  samples: {
    truePositives: [
      'post to ' +
        'https://hooks.slack.com/services/' +
        'T024BE7LD/B01H8N3QX5K/' +
        'q7Vd9Lx2Rk8mZt4Wp1Nb6Yc3',
    ],
    falsePositives: ['https://hooks.slack.com/services/' + 'T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX'],
  },
});

export const twilioApiKey = vendorKey({
  id: 'twilio-api-key',
  description: 'Twilio API key SID (SK + 32 hex)',
  keywords: ['sk'],
  pattern: /(?<![A-Za-z0-9])SK[0-9a-f]{32}(?![A-Za-z0-9])/g,
  prefixLength: 2,
  samples: {
    truePositives: ['TWILIO_API_KEY=' + 'SK' + HEX32],
    falsePositives: ['SK' + '0'.repeat(32), 'SK' + HEX32.toUpperCase()],
  },
});

export const twilioAuthToken = vendorKey({
  id: 'twilio-auth-token',
  description: 'Twilio auth token (32 hex) assigned to an auth-token name or next to an AC account SID',
  keywords: ['auth_token', 'authtoken', 'auth token', 'twilio'],
  pattern:
    /(?:auth_?token|twilio_?(?:auth|secret|token)|AC[0-9a-f]{32})["']?\s*(?:[:=,]|=>)?\s*["']?(?<value>[0-9a-f]{32})(?![A-Za-z0-9])/dgi,
  samples: {
    truePositives: [
      'TWILIO_AUTH_TOKEN="' + HEX32 + '"',
      "twilio.Client('AC" + HEX32.slice(1) + "a', '" + HEX32 + "')",
    ],
    falsePositives: ['auth_token = "' + '0'.repeat(32) + '"', 'auth_token = process.env.TWILIO_AUTH_TOKEN'],
  },
});

export const sendgridKey = vendorKey({
  id: 'sendgrid-key',
  description: 'SendGrid API key (SG.<22>.<43>)',
  keywords: ['sg.'],
  pattern: /(?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g,
  prefixLength: 3,
  samples: {
    truePositives: [
      'SENDGRID_API_KEY=' + 'SG.' + 'ngeVfQFYQlKU0ufo8x5d1A' + '.TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr',
    ],
    falsePositives: ['SG.' + 'x'.repeat(22) + '.' + 'x'.repeat(43)],
  },
});

export const mailgunKey = vendorKey({
  id: 'mailgun-key',
  description: 'Mailgun private API key (key- + 32 hex)',
  keywords: ['key-'],
  pattern: /(?<![A-Za-z0-9_-])key-[0-9a-f]{32}(?![A-Za-z0-9_-])/g,
  prefixLength: 4,
  samples: {
    truePositives: ["mailgun api_key='key-" + HEX32 + "'"],
    falsePositives: ['key-' + '0'.repeat(32), 'primary-key-' + HEX32],
  },
});

export const shopifyToken = vendorKey({
  id: 'shopify-token',
  description: 'Shopify admin, custom app, partner or shared secret token (shpat_/shpca_/shppa_/shpss_)',
  keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
  pattern: /(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}(?![A-Za-z0-9_])/g,
  prefixLength: 6,
  samples: {
    truePositives: ['X-Shopify-Access-Token: ' + 'shpat_' + HEX32],
    falsePositives: ['shpat_' + 'f'.repeat(32), 'shpxx_' + HEX32],
  },
});

export const atlassianToken = vendorKey({
  id: 'atlassian-api-token',
  description: 'Atlassian (Jira, Confluence, Bitbucket) API token (ATATT3…)',
  keywords: ['atatt3'],
  pattern: /(?<![A-Za-z0-9_-])ATATT3[A-Za-z0-9_=-]{150,250}(?![A-Za-z0-9_=-])/g,
  prefixLength: 6,
  minEntropy: 4,
  samples: {
    truePositives: [
      'JIRA_TOKEN=' + 'ATATT3' + ('xFfGF0' + 'q7Vd9Lx2Rk8mZt4Wp1Nb6Yc3HsJ-aEo_UiT').repeat(4) + 'Q8=A1B2C3D4',
    ],
    falsePositives: ['ATATT3' + 'x'.repeat(186)],
  },
});
