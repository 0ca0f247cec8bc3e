/** Fixed hand-written prompts: hard negatives and a few edge-case positives, no generated values. */
import { CC, EMAIL, IBAN, IP, KEY, PHONE, t, type Built } from './build.ts';

export const FIXED: ReadonlyArray<readonly [id: string, prompt: Built]> = [
  ['neg-version-1', t`Upgrade from 1.2.3.4 to 1.2.10.0 broke the build; rollback to 1.2.9.12.`],
  [
    'neg-version-2',
    t`User-Agent: Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Version/17.4.1 Safari/605.1.15`,
  ],
  ['neg-version-3', t`Firmware v4.12.255.3 and bootloader 2.0.0.1 are installed on all 40 routers.`],
  ['neg-version-4', t`pip install numpy==1.26.4 pandas==2.2.1 torch==2.2.1+cu121; CUDA 12.1.105`],
  ['neg-version-5', t`Chrome/124.0.6367.207 crashed on Windows 10.0.19045.4291 with exit code 0xC0000005.`],
  ['neg-date-1', t`The contract runs from 2024.01.15 to 2025.01.14; renewal notice by 2024-12-01.`],
  ['neg-date-2', t`Timestamps: 2024-03-15 14:22:05, 15.03.2024 14:22, 03/15/2024 2:22 PM, 20240315T142205Z`],
  ['neg-section', t`See section 3.2.1.4 of the spec and table 10.1.1.2 in the appendix.`],
  ['neg-oid', t`The certificate policy OID is 2.23.140.1.2.2 and the extension 1.3.6.1.5.5.7.3.1.`],
  ['neg-octet-range', t`Invalid examples for our validator: 256.1.1.1, 10.0.0.999, 300.300.300.300, 1.2.3`],
  ['neg-doc-ip-1', t`In the examples we use 192.0.2.10 for the client and 198.51.100.7 for the proxy.`],
  ['neg-doc-ip-2', t`Replace 203.0.113.50 with your server address; IPv6 users can use 2001:db8::1.`],
  ['neg-localhost', t`curl http://localhost:8080/health and http://127.0.0.1:8080/metrics both return 200.`],
  ['neg-time', t`The job ran at 12:30:45 and again at 23:59:59; MAC 3c:22:fb:9a:1e:07 on eth0.`],
  ['neg-cpp', t`Use std::chrono::steady_clock::now() instead of std::time; see ns::detail::impl.`],
  [
    'neg-emails-doc',
    t`Set "from": "noreply@example.com" and "to": "you@example.org"; test accounts end in @shop.test.`,
  ],
  ['neg-email-like-1', t`git clone git@github.com:kairro/kairro.git && cd kairro`],
  [
    'neg-email-like-2',
    t`Assets: sprite@2x.png, hero@3x.jpg, avatar@1.5x.webp; npm i react@18.2.0 @vitejs/plugin-react@4.2.1`,
  ],
  ['neg-email-like-3', t`Follow us @kairro_sec on X; cc @devops and @maria.lopez in the thread.`],
  ['neg-email-like-4', t`ssh deploy@bastion then sudo -u postgres psql; user@localhost has no password`],
  [
    'neg-placeholder-1',
    t`Set STRIPE_SECRET_KEY=sk_live_XXXXXXXXXXXXXXXXXXXXXXXX in production (never commit it).`,
  ],
  ['neg-placeholder-2', t`Authorization: Bearer <YOUR_TOKEN_HERE>`],
  ['neg-placeholder-3', t`export OPENAI_API_KEY="sk-..."  # paste your key here`],
  [
    'neg-placeholder-4',
    t`api_key: \${{ secrets.API_KEY }}\npassword: \${DB_PASSWORD}\ntoken: {{ .Values.token }}`,
  ],
  ['neg-placeholder-5', t`GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`],
  [
    'neg-placeholder-6',
    t`AWS example credentials from the docs: AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`,
  ],
  ['neg-placeholder-7', t`password = "changeme"  # default, change on first login`],
  ['neg-placeholder-8', t`api_key="0000000000000000000000000000000000000000"`],
  ['neg-placeholder-9', t`SECRET_KEY=your-secret-key-goes-here`],
  ['neg-placeholder-10', t`token: "REDACTED", api_key: "[REDACTED]", password: "***"`],
  [
    'neg-pubkey',
    t`ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMq4g7Wc0s2y2Lx6s9dDk0mJ3KpB1nA8vZq2Yw5oHk9T deploy@ci`,
  ],
  [
    'neg-pk-live',
    t`Publishable key for the checkout page: pk_live_51HgDqLKb3Z8wN2xR4tY7uP0sV6mA9cJ1eF3hI5kL8oQ2rT4vX6yZ0bD3fG5jK7nP9`,
  ],
  [
    'neg-uuid',
    t`Correlation IDs: 3f2504e0-4f89-41d3-9a0c-0305e82c3301, 6fa459ea-ee8a-4ca4-894e-db77e160355e`,
  ],
  [
    'neg-sha',
    t`Checksums: md5 9e107d9d372bb6826bd81d3542a419d6, sha1 2fd4e1c67a2d28fced849ee1bb76e7391b93eb12`,
  ],
  [
    'neg-sri',
    t`<script src="/app.js" integrity="sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC" crossorigin="anonymous"></script>`,
  ],
  [
    'neg-b64-img',
    t`background: url(data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7);`,
  ],
  ['neg-luhn-small', t`The classic Luhn example 79927398713 and the ISBN 0-306-40615-2 are not cards.`],
  ['neg-masked-card', t`Receipt: VISA •••• •••• •••• 4821, auth code 0A1B2C, terminal 00012345.`],
  ['neg-card-last4', t`Card ending in 1234 expired 09/24; please update your payment method.`],
  [
    'neg-test-cards',
    t`Stripe test cards: 4242 4242 4242 4242 (success), 4000 0000 0000 9995 (insufficient funds), 5555 5555 5555 4444 (Mastercard).`,
  ],
  ['neg-test-cards-2', t`Use 4111 1111 1111 1111 with any CVC in the sandbox; Amex test 3782 822463 10005.`],
  ['neg-phone-ish-1', t`Invoice 2024-000123-45, customer no. 100 234 567, order 4711-0815.`],
  ['neg-phone-ish-2', t`Coordinates 52.520008, 13.404954; altitude 34 m; pressure 1013.25 hPa.`],
  ['neg-phone-ish-3', t`Account balance: 1,234,567.89 USD; 12,345,678 shares; ratio 1:2:3.`],
  ['neg-phone-ish-4', t`Serial numbers 2210 3344 5566 and 7788-9900-1122 were scrapped.`],
  ['neg-ssn-shape', t`Part numbers 123-45-6789 and 987-65-4321 appear in the BOM (column "Part #").`],
  ['neg-big-number', t`Factorial of 25 is 15511210043330985984000000 and 2^64 = 18446744073709551616.`],
  ['neg-hex-color', t`Palette: #1a2b3c, #ffcc00, rgba(0,0,0,.5); font-size 1.125rem.`],
  ['neg-semver-list', t`Supported: 10.4.2.1, 11.0.0.0, 11.2.3.4 (LTS), 12.0.1.0 (beta).`],
  [
    'neg-ip-in-version-ctx',
    t`Our app version is 192.168.1.1 internally (don't ask) — the marketing version is 3.0.`,
  ],
  [
    'neg-prose-1',
    t`Can you explain how credit card numbers are validated with the Luhn algorithm and what an IIN is?`,
  ],
  [
    'neg-prose-2',
    t`What is a US routing number and how many digits does it have? And what's an IBAN check digit?`,
  ],
  ['neg-prose-3', t`Write a regex that matches email addresses but not file names like image@2x.png.`],
  [
    'neg-prose-4',
    t`How should we store API keys — in .env files, a secrets manager, or environment variables?`,
  ],
  ['neg-prose-5', t`Explain the difference between an NHS number, a CHI number and an Aadhaar number.`],
  ['neg-jwt-like', t`Format: header.payload.signature, e.g. xxxxx.yyyyy.zzzzz — each part is base64url.`],
  [
    'neg-random-id',
    t`Stripe object ids: cus_NffrFeUfNV2Hib, pi_3MtwBwLkdIwHu7ix28a3tqPa, ch_3MmlLrLkdIwHu7ix0snN0B15`,
  ],
  [
    'neg-aws-ids',
    t`Instance i-0abcd1234efgh5678 in vpc-0a1b2c3d, subnet-12345678, arn:aws:s3:::acme-logs/2024/`,
  ],
  [
    'neg-k8s-sa',
    t`serviceAccountName: default\nautomountServiceAccountToken: false\nimagePullSecrets: [{name: regcred}]`,
  ],
  // ------------------------------------------------------------- fixed positives with tricky boundaries
  ['pos-mailto', t`<a href="mailto:${EMAIL('kontakt@baeckerei-schmidt.de')}">Schreiben Sie uns</a>`],
  ['pos-email-angle', t`From: "Priya Sharma" <${EMAIL('priya.sharma@tatasteel.in')}>`],
  ['pos-email-paren', t`(contact: ${EMAIL('o.haddad@umbrella-health.org')}).`],
  ['pos-email-sub', t`Send it to ${EMAIL('ops-alerts+pagerduty@eu.mail.contoso.io')}, subject "P1".`],
  [
    'pos-ip-port',
    t`upstream connect error, remote ${IP('10.42.7.19')}:8443, local ${IP('172.20.3.4')}:51234`,
  ],
  ['pos-ip-brackets', t`Connected to [${IP('2a02:8108:1dc0:6a00:5d4e:2c1b:9f3a:77e1')}]:443 via HTTP/2`],
  ['pos-ip-comma', t`blocked: ${IP('185.220.101.4')},${IP('185.220.101.33')},${IP('91.132.147.168')}`],
  ['pos-card-tel', t`card:${CC('4556737586899855')};exp:0327`],
  ['pos-phone-tel', t`<a href="tel:${PHONE('+14158234417')}">Call sales</a>`],
  ['pos-key-quoted', t`{"token":"${KEY('xoxb-27491846331-6183926384018-Yq3bVt8LmW2sKx9PdR4fNc7G')}"}`],
  [
    'pos-key-url',
    t`https://api.example.net/v1/data?api_key=${KEY('9f8e7d6c5b4a39281706f5e4d3c2b1a0')}&format=json`,
  ],
  [
    'pos-iban-fr-letters',
    t`Virement SEPA vers ${IBAN('FR90 3000 4012 3400 MHQZ 1234 536')} (compte avec lettres).`,
  ],
  ['pos-dsn', t`DATABASE_URL=postgres://app:${KEY('Xk9#mP2v$Lq7Rz4w')}@db.internal.acme.io:5432/prod`],
];
