import { looksRandom } from '../checks/placeholder.ts';
import { vendorKey } from './vendor-key.ts';

/* Cloud provider credentials; samples assembled from pieces (see vcs-keys). */

const B64_40 = 'Zq8Lm2Kx7PvR4tWn9YbC3dHs/T1fG6jE0aUo5iQ+';

export const awsSecretAccessKey = vendorKey({
  id: 'aws-secret-access-key',
  description: 'AWS secret access key (40 base64 characters) assigned to an aws secret name',
  keywords: ['secret_access_key', 'secretaccesskey', 'aws_secret', 'aws secret', 'secret access key'],
  pattern:
    /(?:aws)?[_ .-]?secret[_ .-]?(?:access)?[_ .-]?key["']?\s*(?::=|=>|[:=])\s*["']?(?<value>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/dgi,
  minEntropy: 4,
  samples: {
    truePositives: ['aws_secret_access_key = ' + B64_40, '"SecretAccessKey": "' + B64_40 + '"'],
    falsePositives: [
      'aws_secret_access_key = ' + 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY' + 'EXAMPLEKEY',
      'secret_key = ' + 'a'.repeat(40),
    ],
  },
});

export const azureStorageKey = vendorKey({
  id: 'azure-storage-key',
  description:
    'Azure storage account or Service Bus key in a connection string (AccountKey=, SharedAccessKey=)',
  keywords: ['accountkey=', 'sharedaccesskey='],
  pattern: /(?:AccountKey|SharedAccessKey)=(?<value>[A-Za-z0-9+/]{42,86}={0,2})(?![A-Za-z0-9+/=])/dg,
  minEntropy: 4,
  samples: {
    truePositives: [
      'DefaultEndpointsProtocol=https;AccountName=acme;AccountKey=' +
        B64_40 +
        B64_40.slice(0, 38).split('').reverse().join('') +
        'ab==;EndpointSuffix=core.windows.net',
      'Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=' +
        B64_40 +
        'Ab3=',
    ],
    falsePositives: ['AccountKey=' + 'x'.repeat(86) + '==', 'AccountKey=<your-key>'],
  },
});

export const azureSasToken = vendorKey({
  id: 'azure-sas-token',
  description: 'Azure shared access signature (sig= in a SAS URL or SharedAccessSignature)',
  keywords: ['sig='],
  // The `sv=` (service version) or SharedAccessSignature frame tells a SAS from any `sig=` param.
  pattern:
    /(?:[?&;]sv=\d{4}-\d\d-\d\d[^\s"'<>]*?&|SharedAccessSignature[= ][^\s"'<>]*?)sig=(?<value>[A-Za-z0-9%+/]{30,}(?:%3D|=){0,2})/dgi,
  validate: (value) => looksRandom(decodeURIComponent(value.replace(/%(?![0-9A-Fa-f]{2})/g, '')), 4),
  samples: {
    truePositives: [
      'https://acme.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&sp=r&se=2026-01-01&sig=' +
        'q7Vd9Lx2Rk8mZt4Wp1Nb6Yc3HsJaEoUiT0rQw5Zy%2BAb%3D',
    ],
    falsePositives: ['https://example.org/?sig=abc', '?sv=2022-11-02&sig=' + 'X'.repeat(40)],
  },
});

export const digitaloceanToken = vendorKey({
  id: 'digitalocean-token',
  description: 'DigitalOcean personal, OAuth or refresh token (dop_v1_/doo_v1_/dor_v1_)',
  keywords: ['_v1_'],
  pattern: /(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}(?![A-Za-z0-9_])/g,
  prefixLength: 7,
  samples: {
    truePositives: ['DO_TOKEN=' + 'dop_v1_' + '9f8e2a7c41b0d3e65f1a8c2b7d49e03f'.repeat(2)],
    falsePositives: ['dop_v1_' + '0'.repeat(64), 'dop_v1_' + 'abc'],
  },
});

export const databricksToken = vendorKey({
  id: 'databricks-token',
  description: 'Databricks personal access token (dapi + 32 hex)',
  keywords: ['dapi'],
  pattern: /(?<![A-Za-z0-9_])dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9_])/g,
  prefixLength: 4,
  samples: {
    truePositives: ['DATABRICKS_TOKEN=' + 'dapi' + '9f8e2a7c41b0d3e65f1a8c2b7d49e03f'],
    falsePositives: ['dapi' + '0'.repeat(32), 'dapi' + 'version'],
  },
});
