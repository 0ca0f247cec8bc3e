/** Code snippets and config files: real-shaped secrets, placeholders and test values. */
import { EMAIL, IP, KEY, PHONE, t, type Built } from './build.ts';
import type { Values } from './values.ts';

export type Family = readonly [prefix: string, count: number, make: (v: Values, i: number) => Built];

export const CODE_FAMILIES: readonly Family[] = [
  [
    'env-stripe',
    6,
    (v) => t`# .env.production
NODE_ENV=production
PORT=8080
STRIPE_SECRET_KEY=${KEY(v.stripe())}
STRIPE_WEBHOOK_TOLERANCE=300
LOG_LEVEL=info
`,
  ],
  [
    'env-multi',
    6,
    (v) => t`Can you tell me why my app can't connect? Here's my .env:

DATABASE_HOST=${IP(v.ipv4Private())}
DATABASE_PORT=5432
OPENAI_API_KEY=${KEY(v.openai())}
GITHUB_TOKEN=${KEY(v.githubClassic())}
SENTRY_ENVIRONMENT=staging
`,
  ],
  [
    'env-placeholder',
    5,
    (v, i) =>
      t`Sample .env for the README (copy to .env and fill in):

STRIPE_SECRET_KEY=${['sk_live_XXXXXXXXXXXXXXXXXXXXXXXX', 'YOUR_STRIPE_SECRET_KEY', '<your-stripe-key>', 'sk_live_...', 'changeme'][i]!}
OPENAI_API_KEY=${['YOUR_API_KEY', 'sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '${OPENAI_API_KEY}', 'replace-me', '<insert key here>'][i]!}
DATABASE_URL=postgres://user:password@localhost:5432/app
PORT=${String(v.int(3000, 9000))}
`,
  ],
  [
    'yaml-k8s-secret',
    4,
    (v) => t`apiVersion: v1
kind: Secret
metadata:
  name: payments-api
  namespace: prod
type: Opaque
stringData:
  SENDGRID_API_KEY: ${KEY(v.sendgrid())}
  SLACK_BOT_TOKEN: ${KEY(v.slackBot())}
  LOG_FORMAT: json
`,
  ],
  [
    'yaml-gha',
    4,
    (v) => t`Why does this workflow fail on the deploy step?

jobs:
  deploy:
    runs-on: ubuntu-22.04
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20.11.1
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
          HF_TOKEN: ${KEY(v.huggingface())}
`,
  ],
  [
    'json-config',
    5,
    (v) => t`{
  "service": "billing-worker",
  "version": "${v.version()}",
  "region": "eu-central-1",
  "aws": {
    "accessKeyId": "${KEY(v.awsKeyId())}",
    "secretAccessKey": "${KEY(v.awsSecret())}"
  },
  "requestId": "${v.uuid()}",
  "retries": 3
}`,
  ],
  [
    'json-package-lock',
    3,
    (v) => t`Here's the relevant part of package-lock.json, why is it resolving twice?
"node_modules/lodash": {
  "version": "4.17.21",
  "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",
  "integrity": "sha512-${v.base64Blob(86)}=="
},
"node_modules/@types/node": { "version": "22.10.2" }`,
  ],
  [
    'tf-provider',
    4,
    (v) => t`provider "digitalocean" {
  token = "${KEY(v.digitalocean())}"
}

resource "digitalocean_droplet" "web" {
  image  = "ubuntu-24-04-x64"
  name   = "web-1"
  region = "fra1"
  size   = "s-1vcpu-1gb"
}`,
  ],
  [
    'tf-var',
    3,
    (v) => t`variable "db_password" {
  type      = string
  sensitive = true
  default   = "${KEY(v.password())}"
}

resource "aws_security_group_rule" "office" {
  cidr_blocks = ["${IP(v.ipv4Public())}/32"]
}`,
  ],
  [
    'tf-placeholder',
    3,
    (v) => t`variable "api_key" {
  description = "Datadog API key (set via TF_VAR_api_key)"
  type        = string
  default     = "${v.pick(['REPLACE_ME', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', '<DATADOG_API_KEY>'])}"
}
resource "aws_instance" "app" { ami = "ami-0${v.gitSha(16)}" }`,
  ],
  [
    'compose',
    5,
    (v) => t`version: "3.9"
services:
  db:
    image: postgres:16.2
    environment:
      POSTGRES_USER: app
      POSTGRES_PASSWORD: ${KEY(v.password())}
  api:
    image: ghcr.io/acme/api@sha256:${v.sha256()}
    environment:
      MAILGUN_API_KEY: ${KEY(v.mailgun())}
      ADMIN_EMAIL: ${EMAIL(v.email())}
    ports:
      - "8080:8080"
`,
  ],
  [
    'compose-safe',
    4,
    (v) => t`docker-compose.yml for local dev:
services:
  redis:
    image: redis:7.2.4-alpine
  app:
    build: .
    environment:
      - REDIS_URL=redis://redis:6379/0
      - SECRET_KEY=\${SECRET_KEY}
      - API_TOKEN=\${API_TOKEN:-dev-token}
      - BUILD_SHA=${v.gitSha()}
    ports: ["127.0.0.1:3000:3000"]
`,
  ],
  [
    'py-client',
    6,
    (v) => t`import anthropic

client = anthropic.Anthropic(api_key="${KEY(v.anthropic())}")
msg = client.messages.create(model="claude-3-5-sonnet-20241022", max_tokens=1024,
    messages=[{"role": "user", "content": "Hello"}])
print(msg.content)
# why do I get a 529 sometimes?`,
  ],
  [
    'py-google',
    4,
    (v) => t`import requests
GOOGLE_MAPS_KEY = "${KEY(v.google())}"
r = requests.get("https://maps.googleapis.com/maps/api/geocode/json",
                 params={"address": "1600 Amphitheatre Pkwy", "key": GOOGLE_MAPS_KEY})
print(r.status_code, r.json()["status"])`,
  ],
  [
    'js-fetch',
    5,
    (v) => t`const res = await fetch('https://api.github.com/repos/acme/web/pulls', {
  headers: {
    Authorization: 'Bearer ${KEY(v.pick([v.githubClassic(), v.githubFineGrained(), v.githubClassic('gho_')]))}',
    Accept: 'application/vnd.github+json',
  },
});
console.log(res.status); // 401?? the token worked yesterday`,
  ],
  [
    'js-placeholder',
    4,
    (_v, i) => t`// config.example.js — copy to config.js
export default {
  stripeKey: process.env.STRIPE_KEY ?? '${['sk_test_your_key_here', 'sk_live_XXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'pk_test_TYooMQauvdEDq54NiTphI7jx', '<STRIPE_SECRET>'][i]!}',
  apiKey: '${['YOUR_API_KEY', 'your-api-key', 'xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx', 'INSERT_API_KEY_HERE'][i]!}',
  timeoutMs: 5000,
};`,
  ],
  [
    'curl',
    6,
    (v) =>
      v.pick([
        () => t`curl https://api.openai.com/v1/chat/completions \\
  -H "Content-Type: application/json" \\
  -H "Authorization: Bearer ${KEY(v.openai())}" \\
  -d '{"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}'
returns 429, what does that mean?`,
        () =>
          t`curl -s -u api:${KEY(v.mailgun())} https://api.mailgun.net/v3/mg.northwind.co.uk/messages -F from=${EMAIL('noreply@northwind.co.uk')} -F to=${EMAIL(v.email())}`,
        () =>
          t`curl -X POST -H 'Content-type: application/json' --data '{"text":"deploy done"}' ${KEY(v.slackWebhook())}`,
        () =>
          t`curl -H "X-Shopify-Access-Token: ${KEY(v.shopify())}" https://acme-store.myshopify.com/admin/api/2024-01/orders.json`,
      ])(),
  ],
  [
    'jwt-debug',
    5,
    (v) => t`I'm getting "invalid signature" from the gateway. The token is:
${KEY(v.jwt())}
and the header says alg RS256. What could be wrong?`,
  ],
  [
    'pem',
    4,
    (v) => t`The deploy script fails with "bad permissions". This is the key file I'm using:

${KEY(v.pemPrivateKey())}

ssh -i deploy_key ubuntu@${IP(v.ipv4Public())}`,
  ],
  [
    'pem-public',
    3,
    (v) => t`Is this certificate chain in the right order?
-----BEGIN CERTIFICATE-----
MIIDdzCCAl+gAwIBAgIE${v.base64Blob(44)}
${v.base64Blob(64)}
${v.base64Blob(64)}
${v.base64Blob(40)}=
-----END CERTIFICATE-----
-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA${v.base64Blob(20)}
${v.base64Blob(64)}
-----END PUBLIC KEY-----`,
  ],
  [
    'npmrc',
    4,
    (v) => t`~/.npmrc
//registry.npmjs.org/:_authToken=${KEY(v.npmToken())}
@acme:registry=https://npm.pkg.github.com
always-auth=true`,
  ],
  [
    'pypirc',
    3,
    (v) => t`[distutils]
index-servers = pypi

[pypi]
username = __token__
password = ${KEY(v.pypi())}`,
  ],
  [
    'gitlab-ci',
    3,
    (v) => t`git clone https://oauth2:${KEY(v.gitlab())}@gitlab.com/acme/platform/infra.git
Cloning into 'infra'...
fatal: unable to access: The requested URL returned error: 403`,
  ],
  [
    'azure-conn',
    4,
    (v) => t`"ConnectionStrings": {
  "Storage": "DefaultEndpointsProtocol=https;AccountName=acmeprodlogs;AccountKey=${KEY(v.azureStorageKey())};EndpointSuffix=core.windows.net"
}`,
  ],
  [
    'databricks',
    3,
    (v) => t`[DEFAULT]
host  = https://adb-${v.digits(16)}.7.azuredatabricks.net
token = ${KEY(v.databricks())}`,
  ],
  [
    'atlassian',
    2,
    (v) => t`export JIRA_API_TOKEN=${KEY(v.atlassian())}
jira issue list -q "project = OPS AND status = 'In Progress'"`,
  ],
  [
    'twilio',
    3,
    (v) => t`from twilio.rest import Client
account_sid = "AC${v.hexSecret(32)}"
auth_token = "${KEY(v.hexSecret(32))}"
client = Client(account_sid, auth_token)
client.messages.create(to="${PHONE(v.usPhone())}", from_=os.environ["TWILIO_FROM"], body="Your code is 482913")`,
  ],
  [
    'stripe-test',
    4,
    (v) =>
      t`In the test environment I use stripe.api_key = "${KEY(v.stripe('test'))}" but webhooks never arrive. Dashboard shows event evt_${v.mixed('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', 24)}.`,
  ],
  [
    'secret-assign',
    8,
    (v) =>
      v.pick([
        () =>
          t`SECRET_KEY = '${KEY(v.mixed('abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)', 50))}'  # Django settings.py`,
        () => t`app.config["JWT_SECRET"] = "${KEY(v.hexSecret(64))}"`,
        () => t`const sessionSecret = "${KEY(v.password())}";`,
        () => t`client_secret: ${KEY(v.mixed('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789~._-', 40))}
client_id: 0oa${v.mixed('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 17)}`,
        () => t`export DD_API_KEY=${KEY(v.hexSecret(32))}`,
        () => t`password: "${KEY(v.password())}"`,
      ])(),
  ],
  [
    'secret-placeholder',
    8,
    (v, i) => {
      const ph = [
        'password: "********"',
        'api_key = "YOUR_API_KEY"',
        'SECRET_KEY = os.environ["SECRET_KEY"]',
        'token: "<token>"',
        'client_secret = "{{ vault_client_secret }}"',
        "password = 'password123'",
        'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
      ][i]!;
      return t`Config snippet from our docs:
${ph}
timeout_seconds: ${v.int(5, 60)}`;
    },
  ],
  [
    'hashes',
    6,
    (v) =>
      v.pick([
        () => t`commit ${v.gitSha()}
Author: build-bot
Date:   Tue Mar 12 10:41:07 2024 +0100

    fix: retry on 503 (#${v.int(100, 9999)})`,
        () => t`sha256sum dist/app.tar.gz
${v.sha256()}  dist/app.tar.gz`,
        () => t`The migration ${v.uuid()} failed on shard ${v.uuid()}; rollback id ${v.gitSha(12)}`,
        () => t`<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAA${v.base64Blob(200)}=" alt="logo">`,
        () => t`etag: "W/\\"${v.hexSecret(32)}\\"", x-request-id: ${v.uuid()}`,
        () => t`docker pull nginx@sha256:${v.sha256()}`,
      ])(),
  ],
  [
    'code-generic',
    6,
    (v) =>
      v.pick([
        () => t`def luhn(n: str) -> bool:
    digits = [int(c) for c in n][::-1]
    return sum(digits[0::2] + [sum(divmod(2*d, 10)) for d in digits[1::2]]) % 10 == 0
assert luhn("79927398713")`,
        () => t`const IPV4 = /^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})$/;
const token = crypto.randomBytes(32).toString("hex");
logger.info({ userId, tokenLength: token.length });`,
        () => t`@media (min-width: 768px) { .logo { background-image: url("logo@2x.png"); } }
@import url("fonts@1.2.0/index.css");`,
        () => t`git remote add origin git@github.com:acme/infra.git
npm i @types/node@22.10.2 @scope/pkg@${v.int(1, 9)}.${v.int(0, 9)}.${v.int(0, 9)}`,
        () => t`@app.route("/users/<int:user_id>")
def get_user(user_id):
    return jsonify(db.get(user_id)), 200`,
        () => t`std::vector<int> v{1,2,3}; auto it = std::find(v.begin(), v.end(), 2); // c++20 ::ranges`,
      ])(),
  ],
];
