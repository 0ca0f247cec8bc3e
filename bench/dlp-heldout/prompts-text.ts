/** Logs, support tickets, emails, chat and HR/finance text in English. */
import { AADHAAR, ABA, CC, EMAIL, IBAN, IP, KEY, NHS, PHONE, SSN, t } from './build.ts';
import type { Family } from './prompts-code.ts';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const TEXT_FAMILIES: readonly Family[] = [
  // ------------------------------------------------------------------ logs
  [
    'log-nginx',
    8,
    (v) => t`Summarise the errors in this access log:
${IP(v.ipv4Public())} - - [${v.int(10, 28)}/${v.pick(MONTHS)}/2024:13:${v.int(10, 59)}:02 +0000] "GET /api/v2/orders?page=2 HTTP/1.1" 502 157 "-" "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/122.0.6261.112 Safari/537.36"
${IP(v.ipv4Public())} - - [${v.int(10, 28)}/${v.pick(MONTHS)}/2024:13:${v.int(10, 59)}:05 +0000] "POST /login HTTP/2.0" 401 64 "-" "curl/8.5.0"
${IP(v.ipv6())} - - [${v.int(10, 28)}/${v.pick(MONTHS)}/2024:13:${v.int(10, 59)}:09 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"`,
  ],
  [
    'log-app',
    8,
    (
      v,
    ) => t`2024-0${v.int(1, 9)}-1${v.int(0, 9)}T08:1${v.int(0, 9)}:44.${v.digits(3)}Z ERROR [worker-${v.int(1, 8)}] PaymentService: charge failed for user=${EMAIL(v.email())} order=ORD-${v.digits(8)} amount=129.90 EUR upstream=${IP(v.ipv4Private())}:8443 code=card_declined trace=${v.gitSha(32)}
2024-0${v.int(1, 9)}-1${v.int(0, 9)}T08:1${v.int(0, 9)}:45.${v.digits(3)}Z WARN  retrying in 250ms (attempt 2/5)
What does card_declined usually mean here?`,
  ],
  [
    'log-payment-masked',
    5,
    (
      v,
    ) => t`[payments] ${v.pick(['auth ok', 'capture ok', 'refund queued'])} pan=**** **** **** ${v.digits(4)} bin=${v.pick(['424242', '555555', '411111'])} exp=**/** txn=${v.uuid()} amount=${v.int(5, 900)}.${v.digits(2)} USD
[payments] 3DS challenge for card ending ${v.digits(4)}; session ${v.hexSecret(24)}`,
  ],
  [
    'log-payment-leak',
    5,
    (
      v,
    ) => t`DEBUG PaymentRequest{cardNumber='${CC(v.card(undefined, 'plain'))}', expMonth=0${v.int(1, 9)}, expYear=20${v.int(26, 31)}, cvc='***', holder='J. SMITH'} -> gateway ${IP(v.ipv4Private())}
Our logging is dumping full PANs, how do I mask this in log4j2?`,
  ],
  [
    'log-auth',
    6,
    (
      v,
    ) => t`${v.pick(MONTHS)} ${v.int(1, 28)} 03:1${v.int(0, 9)}:22 bastion sshd[${v.int(1000, 65000)}]: Failed password for invalid user admin from ${IP(v.ipv4Public())} port ${v.int(1024, 65535)} ssh2
${v.pick(MONTHS)} ${v.int(1, 28)} 03:1${v.int(0, 9)}:25 bastion sshd[${v.int(1000, 65000)}]: Accepted publickey for deploy from ${IP(v.ipv4Private())} port ${v.int(1024, 65535)} ssh2: RSA SHA256:${v.base64Blob(43)}`,
  ],
  [
    'log-k8s',
    5,
    (v) => t`kubectl get pods -o wide
NAME                         READY   STATUS             RESTARTS   AGE   IP            NODE
api-7d9f8c6b5-x2kqp          1/1     Running            0          3d    ${IP(v.ipv4Private())}    ip-10-0-${v.int(1, 200)}-${v.int(1, 200)}.eu-west-1.compute.internal
worker-5c7b9d8f4-9lmnz       0/1     CrashLoopBackOff   ${v.int(10, 99)}         3d    ${IP(v.ipv4Private())}    ip-10-0-${v.int(1, 200)}-${v.int(1, 200)}.eu-west-1.compute.internal
image: registry.acme.io/worker:${v.int(1, 4)}.${v.int(0, 20)}.${v.int(0, 9)}`,
  ],
  [
    'log-versions',
    6,
    (v) => t`Environment:
- OS: Ubuntu 22.04.4 LTS (kernel 6.5.0-${v.int(10, 45)}-generic)
- Chrome ${v.int(110, 125)}.0.${v.int(5000, 6400)}.${v.int(10, 200)}
- Node.js v20.${v.int(1, 18)}.${v.int(0, 5)}, npm 10.${v.int(1, 9)}.0
- Library version ${v.version()} (build ${v.gitSha(7)})
- SNMP OID 1.3.6.1.4.1.${v.int(1000, 60000)}.1.${v.int(1, 9)}
Steps to reproduce: open the dashboard and click Export.`,
  ],
  [
    'log-localhost',
    3,
    (
      v,
    ) => t`Server started. Listening on http://127.0.0.1:${v.int(3000, 9999)} and http://0.0.0.0:${v.int(3000, 9999)}
netmask 255.255.255.0, gateway configured by DHCP; IPv6 loopback ::1 enabled
Docs example: ping ${v.ipv4Doc()} or ${v.ipv6Doc()} (RFC 5737 / RFC 3849 addresses)`,
  ],
  [
    'log-ipv6',
    4,
    (v) =>
      t`BGP session to ${IP(v.ipv6())} went down at 02:14 UTC; neighbour ${IP(v.ipv4Public())} still up. MAC of the interface: ${v.chars('0123456789ABCDEF', 2)}:${v.chars('0123456789ABCDEF', 2)}:${v.chars('0123456789ABCDEF', 2)}:${v.chars('0123456789ABCDEF', 2)}:${v.chars('0123456789ABCDEF', 2)}:${v.chars('0123456789ABCDEF', 2)}. Any idea why?`,
  ],
  [
    'log-cidr',
    3,
    (v) =>
      t`Please review this firewall change: allow tcp/443 from ${IP(v.ipv4Public())}/32 and ${IP(v.ipv4Private())}/24, deny all from 0.0.0.0/0.`,
  ],
  // ------------------------------------------------------------------ tickets and email
  [
    'ticket-card',
    12,
    (v) =>
      v.pick([
        () => t`Subject: Refund not received
Hi support, I was charged twice for order #${v.digits(7)}. The card I used is ${CC(v.card())}, expiry 0${v.int(1, 9)}/${v.int(26, 30)}. Please refund the duplicate. You can reach me at ${PHONE(v.usPhone())}.
Thanks, Maria`,
        () =>
          t`Customer says: "please charge the remaining balance to my Amex ${CC(v.card('amex'))}, my old Visa expired". Can you draft a polite reply saying we never take card numbers over email?`,
        () =>
          t`Ticket #${v.int(10000, 99999)} — caller gave card ${CC(v.card())} and billing ZIP ${v.int(10000, 99999)}. Flag for PCI review.`,
        () => t`Rewrite this more professionally: hey can u update my card on file to ${CC(v.card())} thx`,
      ])(),
  ],
  [
    'ticket-testcard',
    6,
    (v) =>
      t`QA note: checkout still fails in staging with the Stripe test card ${v.testPan()} (any future expiry, any CVC). Declines with ${v.cardBadLuhn()} are expected because it fails Luhn. Last 4 shown on the receipt: ${v.digits(4)}.`,
  ],
  [
    'email-signature',
    10,
    (v) => t`Can you shorten this email?

Hi team,
following up on the Q3 renewal — the signed order form is attached and the PO number is PO-${v.digits(6)}. Let me know if anything is missing.

Best regards,
Dana Whitfield
Account Executive | Northwind Traders
Mobile: ${PHONE(v.usPhone())}
Email: ${EMAIL(v.email())}
www.northwind.co.uk`,
  ],
  [
    'email-thread',
    6,
    (v) => t`From: ${EMAIL(v.email())}
To: ${EMAIL(v.email())}
Cc: ${EMAIL(v.email())}
Date: ${v.int(1, 28)} ${v.pick(MONTHS)} 2024 09:${v.int(10, 59)}
Subject: Re: invoice INV-2024-${v.digits(5)}

Please pay to IBAN ${IBAN(v.iban())} by Friday. Reference ${v.digits(10)}.`,
  ],
  [
    'email-reserved',
    6,
    (v) =>
      t`Docs section "Inviting users": call POST /v1/invites with {"email": "${v.reservedEmail()}"} and the invitee receives a link. Mentions like @${v.pick(['alice', 'devops', 'oncall'])} in comments notify the team. Retina assets: icon@2x.png, banner@3x.webp.`,
  ],
  [
    'ticket-phone',
    12,
    (v) =>
      v.pick([
        () =>
          t`Customer ${EMAIL(v.email())} called from ${PHONE(v.usPhone())} about a broken delivery, tracking 1Z${v.chars('0123456789ABCDEFGHJKLMNPRSTUVWXYZ', 16)}. Please call back before 5pm.`,
        () =>
          t`Please call me back on ${PHONE(v.intlPhone())}, I'm travelling this week. My booking ref is ${v.chars('ABCDEFGHJKLMNPQRSTUVWXYZ', 6)}.`,
        () =>
          t`Escalation: contact the site manager on ${PHONE(v.intlPhone('UK'))} or the night shift on ${PHONE(v.intlPhone('UK'))}.`,
        () => t`WhatsApp ${PHONE(v.intlPhone())} if the courier can't find the entrance.`,
      ])(),
  ],
  [
    'ticket-numbers',
    8,
    (v) =>
      v.pick([
        () =>
          t`Order ${v.digits(3)}-${v.digits(7)}-${v.digits(7)} shipped on 2024-${String(v.int(1, 12)).padStart(2, '0')}-${String(v.int(1, 28)).padStart(2, '0')}; invoice INV-${v.digits(10)}, tracking ${v.digits(22)}.`,
        () => t`| SKU        | Qty | Unit price | Total     |
|------------|-----|-----------|-----------|
| ${v.digits(3)}-${v.digits(3)}-${v.digits(4)} | ${v.int(1, 99)} | 12.50 | ${v.int(100, 999)}.00 |
| ${v.digits(3)}-${v.digits(3)}-${v.digits(4)} | ${v.int(1, 99)} | 7.25 | ${v.int(100, 999)}.75 |
Please check the totals.`,
        () =>
          t`Population table: Berlin ${v.int(3, 3)} ${v.digits(3)} ${v.digits(3)}, Hamburg 1 ${v.digits(3)} ${v.digits(3)}, Munich 1 ${v.digits(3)} ${v.digits(3)}. Revenue 2023: 12 ${v.digits(3)} ${v.digits(3)},${v.digits(2)} EUR.`,
        () =>
          t`ISBN 978-${v.int(0, 9)}-${v.digits(3)}-${v.digits(5)}-${v.int(0, 9)}; DOI 10.${v.int(1000, 9999)}/${v.digits(7)}; case number ${v.digits(4)}-${v.digits(6)}-${v.digits(3)}`,
        () =>
          t`Unix timestamps from the export: ${v.int(1600000000, 1750000000)}, ${v.int(1600000000, 1750000000)}, ${v.int(1600000000, 1750000000)}${v.digits(3)} (ms).`,
        () =>
          t`Meeting ID: ${v.digits(3)} ${v.digits(4)} ${v.digits(4)}, passcode ${v.digits(6)}. Dial-in PIN ${v.digits(4)}#.`,
      ])(),
  ],
  [
    'imei',
    5,
    (v) =>
      t`Device inventory: the lost phone is a Pixel 8, IMEI ${v.imei()}, serial ${v.chars('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789', 12)}. Second device IMEI ${v.imei()}. Can you write the police report text?`,
  ],
  [
    'luhn-noissuer',
    4,
    (v) =>
      t`Gift card balance check: card no. ${v.luhnNoIssuer()} (store loyalty programme), membership ID ${v.digits(10)}.`,
  ],
  // ------------------------------------------------------------------ chat
  [
    'chat-key',
    8,
    (v) =>
      v.pick([
        () => t`hey can you check why this doesn't work, using my key ${KEY(v.openai())} in the header 🙏`,
        () => t`lol I just pasted my token ${KEY(v.githubClassic())} in #general, how do I revoke it fast`,
        () => t`new slack bot token for the standup bot: ${KEY(v.slackBot())} (old one is revoked)`,
        () =>
          t`use ${KEY(v.pick([v.stripe('live', 'rk'), v.stripe()]))} for the reconciliation script, it's read-only`,
        () => t`the HF token is ${KEY(v.huggingface())} — don't share outside the team`,
        () => t`sendgrid key rotated → ${KEY(v.sendgrid())}`,
      ])(),
  ],
  [
    'chat-safe',
    8,
    (v) =>
      v.pick([
        () =>
          t`standup: finished the migration (PR #${v.int(100, 9999)}), reviewing ${v.gitSha(7)} today, blocked on the 3.2.1 release`,
        () => t`can someone explain why 0.1 + 0.2 != 0.3 in JS? also is 10.5.3 newer than 10.10.1 in semver?`,
        () => t`reminder: the offsite is on 12.05.2024 at 9:30, room 4.12, budget 2.500,00 € 🎉`,
        () =>
          t`the API key is stored in Vault under secret/data/prod/stripe, ask @maria for access, never paste it here`,
        () => t`what's the difference between a UUID v4 like ${v.uuid()} and a ULID?`,
        () =>
          t`our AWS account id is ${v.digits(12)} and the role is arn:aws:iam::${v.digits(12)}:role/deploy`,
      ])(),
  ],
  // ------------------------------------------------------------------ HR / finance
  [
    'hr-ssn',
    14,
    (v) =>
      v.pick([
        () =>
          t`New hire paperwork: Name: Jordan Reyes, SSN: ${SSN(v.ssn())}, start date 03/${v.int(10, 28)}/2024, salary $${v.int(80, 180)},000. Please draft the welcome email.`,
        () =>
          t`W-4 check: employee ${v.int(1000, 9999)} entered social security number ${SSN(v.ssn())} but the payroll system says it's invalid. Why?`,
        () =>
          t`Summarise: "Applicant (SSN ${SSN(v.ssn())}) requests a background check; prior address 12 Elm St, Springfield."`,
        () => t`Taxpayer: ${SSN(v.ssn(' '))} (social security no.) — filing status single`,
      ])(),
  ],
  [
    'hr-ssn-invalid',
    6,
    (v) =>
      t`Validation test cases for our SSN field (all must be rejected): ${v.ssnInvalid()}, ${v.ssnInvalid()}, ${v.ssnInvalid()}. Phone-ish part numbers like ${v.int(100, 899)}-${v.int(10, 99)}-${v.int(1000, 9999)}-B are SKUs, not SSNs.`,
  ],
  [
    'hr-payroll',
    14,
    (v) =>
      v.pick([
        () =>
          t`Direct deposit form: Bank of America, routing number ${ABA(v.routing())}, account ${v.digits(10)}, checking. Please confirm receipt.`,
        () =>
          t`Wire instructions — ABA: ${ABA(v.routing())}, Acct: ${v.digits(12)}, Beneficiary: Globex LLC, Ref: INV ${v.digits(6)}`,
        () =>
          t`Can you check the RTN ${ABA(v.routing())} for the vendor Initech? Their account number is ${v.digits(9)}.`,
        () =>
          t`Payroll change for E-${v.int(1000, 9999)}: new IBAN ${IBAN(v.iban('DE'))}, BIC COBADEFFXXX, effective next month.`,
      ])(),
  ],
  [
    'hr-routing-neg',
    5,
    (v) =>
      t`Claim ${v.routing()} was approved on ${v.int(1, 28)}/0${v.int(1, 9)}/2024; reference ${v.routingInvalid()} is the old one. Routing number field left blank, employee ID ${v.digits(9)}.`,
  ],
  [
    'finance-iban',
    8,
    (v) =>
      v.pick([
        () =>
          t`Supplier bank details changed! New IBAN: ${IBAN(v.iban())} — is this a phishing attempt? The email came from ${EMAIL(v.email())}.`,
        () => t`| Supplier | IBAN | Amount |
|---|---|---|
| Globex SARL | ${IBAN(v.iban('FR'))} | 4 200,00 |
| Initech BV | ${IBAN(v.iban('NL'))} | 980,50 |
| Hooli AG | ${IBAN(v.iban('CH'))} | 12 000,00 |`,
        () =>
          t`Transfer £${v.int(100, 9000)} to ${IBAN(v.iban('GB'))} (sort code ${v.digits(2)}-${v.digits(2)}-${v.digits(2)}).`,
        () =>
          t`SEPA mandate for ${IBAN(v.iban(v.pick(['ES', 'IT', 'BE', 'AT', 'PT', 'IE'])))}, creditor ID DE98ZZZ09999999999.`,
      ])(),
  ],
  [
    'finance-iban-bad',
    5,
    (v) =>
      t`The bank rejected ${v.ibanBadCheck()} — typo in the check digits I think. The customer's account number ${v.digits(10)} and BIC DEUTDEFF are fine.`,
  ],
  [
    'health-nhs',
    14,
    (v) =>
      v.pick([
        () =>
          t`Referral letter: Patient Mrs A. Khan, DOB 14/03/1962, NHS number ${NHS(v.nhs())}, GP surgery Church Lane. Please summarise the discharge notes.`,
        () => t`NHS No: ${NHS(v.nhs())} — appointment moved to Tuesday, ward 7B.`,
        () =>
          t`Can you format this for the audit: patient NHS no. ${NHS(v.nhs(false))}, hospital number RX${v.digits(7)}.`,
      ])(),
  ],
  [
    'health-nhs-neg',
    5,
    (v) =>
      t`Lab sample IDs: ${v.nhsInvalid()}, ${v.digits(3)} ${v.digits(3)} ${v.digits(4)}; batch ${v.nhs()} (these are internal batch codes, not patient identifiers). Freezer slot ${v.digits(2)}-${v.digits(3)}.`,
  ],
  [
    'india-aadhaar',
    14,
    (v) =>
      v.pick([
        () =>
          t`KYC pending: customer uploaded Aadhaar card, number ${AADHAAR(v.aadhaar())}, PAN ${v.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 5)}${v.digits(4)}${v.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 1)}. Mobile ${PHONE(v.intlPhone('IN'))}.`,
        () => t`Aadhaar: ${AADHAAR(v.aadhaar())} — please mask this in the PDF before sending.`,
        () =>
          t`UIDAI verification failed for ${AADHAAR(v.aadhaar())}, the resident says the Aadhaar is correct.`,
      ])(),
  ],
  [
    'india-aadhaar-neg',
    5,
    (v) =>
      t`Shipment ${v.aadhaarInvalid()} reached Pune hub; consignment ${v.aadhaar()} is with the courier. Aadhaar not provided by customer.`,
  ],
  // ------------------------------------------------------------------ multi-finding exports
  [
    'csv-export',
    10,
    (v) => t`Clean up this CSV and tell me which rows have missing data:
id,name,email,phone,ssn,hired
${v.int(1000, 9999)},Jordan Reyes,${EMAIL(v.email())},${PHONE(v.usPhone())},${SSN(v.ssn())},2021-04-12
${v.int(1000, 9999)},Mei Tanaka,${EMAIL(v.email())},,${SSN(v.ssn())},2022-11-03
${v.int(1000, 9999)},Luca Bianchi,,${PHONE(v.usPhone())},,2023-01-30`,
  ],
  [
    'card-contexts',
    16,
    (v) =>
      v.pick([
        () =>
          t`Card: ${CC(v.card('visa'))} Exp: 0${v.int(1, 9)}/${v.int(26, 30)} CVV: ${v.digits(3)} Name: R. PATEL`,
        () =>
          t`The chargeback is for Mastercard ${CC(v.card(v.pick(['mc', 'mc2'])))}, dispute ID DP-${v.digits(9)}.`,
        () => t`Corporate Amex: ${CC(v.card('amex'))}. Use it only for travel bookings.`,
        () =>
          t`"pan": "${CC(v.card(undefined, 'plain'))}", "expiry": "20${v.int(26, 31)}-0${v.int(1, 9)}", "brand": "unknown"`,
        () =>
          t`JCB card ${CC(v.card('jcb'))} used in Osaka, Discover ${CC(v.card('discover'))} used in Denver.`,
        () => t`Diners Club ${CC(v.card('diners'))} — still accepted at the hotel?`,
        () =>
          t`Please summarise the dispute. Cardholder: T. Nguyen; card ${CC(v.card())}; amount $${v.int(20, 900)}.${v.digits(2)}; merchant ref ${v.digits(12)}.`,
      ])(),
  ],
  [
    'card-near-miss',
    10,
    (v) =>
      v.pick([
        () => t`These card numbers fail validation, why? ${v.cardBadLuhn()} and ${v.cardBadLuhn()}`,
        () => t`Tracking number ${v.notLuhn(16)}, consignment ${v.fmtCard(v.notLuhn(16), 'space')} (DHL).`,
        () => t`Bank account 0${v.digits(15)} at Sparkasse, customer number ${v.digits(13)}.`,
        () => t`IMEI/MEID list: ${v.imei()}, ${v.imei()}, ${v.imei()}.`,
      ])(),
  ],
  [
    'phone-forms',
    16,
    (v) =>
      v.pick([
        () => t`Call me at ${PHONE(v.usPhone())} after 6.`,
        () => t`Tel.: ${PHONE(v.intlPhone('DE'))} · Fax: ${PHONE(v.intlPhone('DE'))}`,
        () => t`Customer phone number: ${PHONE(v.intlPhone())}, preferred contact by SMS.`,
        () => t`Emergency contact — mother, ${PHONE(v.usPhone())}; doctor, ${PHONE(v.usPhone())}.`,
        () => t`Mobile ${PHONE(v.intlPhone(v.pick(['FR', 'ES', 'PT', 'UK'])))} (WhatsApp too)`,
        () => t`Phone: ${PHONE(v.usPhone())} ext. ${v.int(100, 999)}`,
      ])(),
  ],
  [
    'routing-more',
    8,
    (v) =>
      v.pick([
        () => t`ACH setup: Routing (ABA) ${ABA(v.routing())} / Account ${v.digits(11)} / Type: Savings`,
        () => t`Please verify the bank routing number ${ABA(v.routing())} before we send the ACH payment.`,
        () => t`Chase routing number for wires is ${ABA(v.routing())}; for ACH use ${ABA(v.routing())}.`,
      ])(),
  ],
  [
    'nhs-more',
    8,
    (v) =>
      v.pick([
        () =>
          t`Discharge summary — Name: Mr P. Evans; NHS Number: ${NHS(v.nhs())}; Consultant: Dr Okafor; Follow-up in 6 weeks.`,
        () => t`Please check the NHS no ${NHS(v.nhs())} against PDS before booking the scan.`,
        () =>
          t`Rewrite for the patient leaflet: "Bring your NHS number (${NHS(v.nhs())}) and a list of your medicines."`,
      ])(),
  ],
];
