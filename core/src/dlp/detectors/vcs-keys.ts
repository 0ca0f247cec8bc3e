import { vendorKey } from './vendor-key.ts';

/*
 * Source hosting and package registry tokens. Sample values are assembled from pieces so
 * repository secret scanners do not flag this file.
 */

const R36 = 'R8kd2LqP0zXv7NwT3bYh5sJm9cFa1GeU6oKi';

export const githubFineGrainedPat = vendorKey({
  id: 'github-fine-grained-pat',
  description: 'GitHub fine-grained personal access token (github_pat_)',
  keywords: ['github_pat_'],
  pattern: /(?<![A-Za-z0-9_])github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}(?![A-Za-z0-9_])/g,
  prefixLength: 11,
  samples: {
    truePositives: [
      'github_pat_' +
        '11ABCDE2Y0kq9ZxW3vR7tL' +
        '_' +
        'p4Nm8sQ2wE6rT1yU5iO9aS3dF7gH0jK4lZ8xC2vB6nM1qW5eR9tY3uI7oXq',
    ],
    falsePositives: ['github_pat_' + 'X'.repeat(22) + '_' + 'X'.repeat(59), 'github_pat_<token>'],
  },
});

export const githubAppToken = vendorKey({
  id: 'github-app-token',
  description: 'GitHub OAuth, user-to-server, server-to-server or refresh token (gho_/ghu_/ghs_/ghr_)',
  keywords: ['gho_', 'ghu_', 'ghs_', 'ghr_'],
  pattern: /(?<![A-Za-z0-9_])gh[ousr]_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  prefixLength: 4,
  samples: {
    truePositives: ['token ' + 'gho_' + R36, 'GITHUB_TOKEN=' + 'ghs_' + R36],
    falsePositives: ['gho_' + 'x'.repeat(36), 'ghx_' + R36, 'ghs_' + 'short1234'],
  },
});

export const gitlabPat = vendorKey({
  id: 'gitlab-pat',
  description: 'GitLab personal, project or group access token (glpat-)',
  keywords: ['glpat-'],
  pattern: /(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,64}(?![A-Za-z0-9_-])/g,
  prefixLength: 6,
  samples: {
    truePositives: ['CI_TOKEN=' + 'glpat-' + 'x7Kq2Lm9Zr4Vt8Np3Wb6'],
    falsePositives: ['glpat-' + 'xxxxxxxxxxxxxxxxxxxx', 'glpat-' + 'your-token-goes-here-now'],
  },
});

export const npmToken = vendorKey({
  id: 'npm-token',
  description: 'npm access token (npm_)',
  keywords: ['npm_'],
  pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
  prefixLength: 4,
  samples: {
    truePositives: ['//registry.npmjs.org/:_authToken=' + 'npm_' + R36],
    falsePositives: ['npm_' + 'config_registry_url_value_here_ok_now', 'npm_' + '0'.repeat(36)],
  },
});

export const pypiToken = vendorKey({
  id: 'pypi-token',
  description: 'PyPI upload token (pypi-AgEIcHlwaS5vcmc…)',
  keywords: ['pypi-ageichlwas5vcmc'],
  pattern: /(?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}(?![A-Za-z0-9_-])/g,
  prefixLength: 20,
  samples: {
    truePositives: ['password = ' + 'pypi-AgEIcHlwaS5vcmc' + 'CJGZj' + R36 + 'Zq8Lm2Kx7PvR4tWn9Yb'],
    falsePositives: ['pypi-AgEIcHlwaS5vcmc' + 'X'.repeat(60)],
  },
});

export const huggingfaceToken = vendorKey({
  id: 'huggingface-token',
  description: 'Hugging Face user access token (hf_ + 34 letters)',
  keywords: ['hf_'],
  pattern: /(?<![A-Za-z0-9_])hf_[A-Za-z]{34}(?![A-Za-z0-9_])/g,
  prefixLength: 3,
  minEntropy: 3.5,
  samples: {
    truePositives: ['HF_TOKEN=' + 'hf_' + 'QxTbWnZkLpRvYmCsDfGhJaKeUoIrTyBnMq'],
    falsePositives: ['hf_' + 'x'.repeat(34), 'hf_' + 'hub_download_progress_bar_disabled'],
  },
});
