/** German, French, Spanish, Portuguese, Japanese, Chinese, Hindi and Arabic, plus emoji / CJK before findings. */
import { AADHAAR, ABA, CC, EMAIL, IBAN, IP, KEY, NHS, PHONE, SSN, t } from './build.ts';
import type { Family } from './prompts-code.ts';

export const INTL_FAMILIES: readonly Family[] = [
  // ------------------------------------------------------------------ German
  [
    'de',
    14,
    (v) =>
      v.pick([
        () =>
          t`Bitte formuliere diese E-Mail freundlicher: "Überweisen Sie den Betrag bis Freitag auf unser Konto, IBAN ${IBAN(v.iban('DE'))}, Verwendungszweck Rechnung ${v.digits(8)}."`,
        () =>
          t`Kunde ruft an wegen doppelter Abbuchung. Kartennummer laut Kunde: ${CC(v.card())}, Rückruf unter ${PHONE(v.intlPhone('DE'))}.`,
        () =>
          t`Hallo, meine neue Adresse ist ${EMAIL(v.email())}, bitte aktualisieren Sie den Vertrag Nr. ${v.digits(9)} vom 01.04.2024.`,
        () =>
          t`Der Server ${IP(v.ipv4Private())} antwortet nicht mehr seit dem Update auf Version 2.14.3.1. Logs hängen an.`,
        () =>
          t`Unser Lieferant hat die Bankverbindung geändert (IBAN ${IBAN(v.iban('AT'))}). Ist das plausibel? Die Mail kam von ${EMAIL(v.email())}.`,
        () =>
          t`Zusammenfassung: Bestellung 2024-${v.digits(6)} vom 12.03.2024, Sendungsnummer ${v.digits(20)}, Betrag 1.249,00 €.`,
        () =>
          t`Mein API-Schlüssel ${KEY(v.google())} funktioniert nicht mit der Geocoding-API, was mache ich falsch?`,
      ])(),
  ],
  // ------------------------------------------------------------------ French
  [
    'fr',
    12,
    (v) =>
      v.pick([
        () =>
          t`Pouvez-vous résumer ce message : « Bonjour, veuillez effectuer le virement sur le compte IBAN ${IBAN(v.iban('FR'))} avant le 15 mars. Cordialement, Claire »`,
        () =>
          t`Le client m'a donné son numéro de carte ${CC(v.card())} par téléphone, que dois-je faire selon la politique PCI ?`,
        () => t`Contact : Mme Dubois, tél. ${PHONE(v.intlPhone('FR'))}, courriel ${EMAIL(v.email())}.`,
        () =>
          t`Facture n° FA-2024-${v.digits(5)} du 03/04/2024, montant 1 234,56 €, SIRET ${v.digits(3)} ${v.digits(3)} ${v.digits(3)} ${v.digits(5)}.`,
        () => t`Voici le fichier de config, pourquoi l'appel échoue ? token: ${KEY(v.gitlab())}`,
        () => t`L'adresse IP ${IP(v.ipv4Public())} a tenté 300 connexions en 1 minute, faut-il la bloquer ?`,
      ])(),
  ],
  // ------------------------------------------------------------------ Spanish
  [
    'es',
    12,
    (v) =>
      v.pick([
        () =>
          t`Traduce al inglés: "Le ruego que realice la transferencia a la cuenta ${IBAN(v.iban('ES'))} antes del viernes."`,
        () =>
          t`El cliente pagó con la tarjeta ${CC(v.card())} y pide el reembolso. Su teléfono es ${PHONE(v.intlPhone('ES'))}.`,
        () =>
          t`Hola equipo, el servidor de staging (${IP(v.ipv4Private())}) se cayó otra vez. Versión desplegada: 4.2.0.17.`,
        () =>
          t`Pedido n.º ${v.digits(10)}, factura F-2024/${v.digits(4)}, fecha 15/06/2024, total 89,90 €. ¿Puedes redactar la respuesta?`,
        () => t`Mi correo es ${EMAIL(v.email())} y no me llega el código de verificación.`,
        () => t`Para el informe: SSN del empleado en EE. UU. ${SSN(v.ssn())}, fecha de alta 01/02/2024.`,
      ])(),
  ],
  // ------------------------------------------------------------------ Portuguese
  [
    'pt',
    10,
    (v) =>
      v.pick([
        () =>
          t`Pode revisar este e-mail? "Segue o IBAN para pagamento: ${IBAN(v.iban(v.pick(['PT', 'BR'])))}. Obrigado!"`,
        () =>
          t`O cliente ligou do número ${PHONE(v.intlPhone('BR'))} dizendo que o cartão ${CC(v.card())} foi cobrado duas vezes.`,
        () =>
          t`Nota fiscal nº ${v.digits(9)}, série 1, emitida em 10/05/2024; CEP ${v.digits(5)}-${v.digits(3)}; pedido ${v.digits(12)}.`,
        () => t`Meu e-mail de trabalho é ${EMAIL(v.email())}, pode me adicionar ao grupo?`,
        () =>
          t`A chave da API ficou exposta no repositório: ${KEY(v.pick([v.anthropic(), v.openai(), v.npmToken()]))}. Como revogo?`,
      ])(),
  ],
  // ------------------------------------------------------------------ Japanese
  [
    'ja',
    12,
    (v) =>
      v.pick([
        () =>
          t`お客様からの問い合わせ：カード番号${CC(v.card())}で二重に請求されました。返金をお願いします。`,
        () => t`担当者の連絡先は${EMAIL(v.email())}、電話は${PHONE(v.intlPhone('JP'))}です。`,
        () => t`サーバー${IP(v.ipv4Private())}が応答しません。バージョン3.10.2.1に更新した後からです。`,
        () =>
          t`注文番号：${v.digits(3)}-${v.digits(7)}-${v.digits(7)}、お届け予定日：2024年5月12日、金額：¥12,800`,
        () => t`このトークン${KEY(v.githubClassic())}を使うと401になります。なぜですか？`,
        () => t`振込先：IBAN ${IBAN(v.iban('DE'))}（ドイツの取引先）、期限は今月末です。`,
      ])(),
  ],
  // ------------------------------------------------------------------ Chinese
  [
    'zh',
    12,
    (v) =>
      v.pick([
        () => t`请帮我总结这封邮件：客户的信用卡号是${CC(v.card('unionpay'))}，要求退款。`,
        () => t`联系人：王先生，手机${PHONE(v.intlPhone('CN'))}，邮箱${EMAIL(v.email())}。`,
        () => t`生产环境数据库地址是${IP(v.ipv4Private())}，端口3306，版本8.0.36。`,
        () => t`订单号${v.digits(18)}，物流单号SF${v.digits(12)}，金额￥1,299.00，日期2024-06-18。`,
        () => t`这个密钥${KEY(v.awsKeyId())}还有效吗？对应的 secret 是 ${KEY(v.awsSecret())}`,
        () => t`请翻译：我们的收款账户 IBAN 为 ${IBAN(v.iban('GB'))}。`,
      ])(),
  ],
  // ------------------------------------------------------------------ Hindi
  [
    'hi',
    10,
    (v) =>
      v.pick([
        () =>
          t`कृपया इस संदेश का अंग्रेज़ी अनुवाद करें: "मेरा आधार नंबर ${AADHAAR(v.aadhaar())} है और मोबाइल नंबर ${PHONE(v.intlPhone('IN'))} है।"`,
        () => t`ग्राहक का ईमेल ${EMAIL(v.email())} है, कृपया उन्हें जवाब लिखें।`,
        () => t`Aadhaar number: ${AADHAAR(v.aadhaar())} — KYC के लिए सत्यापन लंबित है।`,
        () => t`ऑर्डर संख्या ${v.digits(12)} दिनांक 15-08-2024 को भेजा गया, राशि ₹4,999.`,
        () => t`कार्ड नंबर ${CC(v.card())} से भुगतान विफल रहा, कृपया जाँच करें।`,
      ])(),
  ],
  // ------------------------------------------------------------------ Arabic
  [
    'ar',
    10,
    (v) =>
      v.pick([
        () => t`يرجى تحويل المبلغ إلى الحساب ${IBAN(v.iban(v.pick(['SA', 'AE'])))} قبل نهاية الشهر.`,
        () => t`رقم هاتف العميل ${PHONE(v.intlPhone('AE'))} والبريد الإلكتروني ${EMAIL(v.email())}.`,
        () => t`رقم البطاقة ${CC(v.card())} تم رفضه، ما السبب؟`,
        () => t`رقم الطلب ${v.digits(10)} بتاريخ 2024/03/15، المبلغ 350 درهم.`,
        () => t`الخادم ${IP(v.ipv4Public())} لا يستجيب منذ الساعة 3 صباحاً.`,
      ])(),
  ],
  // ------------------------------------------------------------------ emoji / CJK before findings (offsets)
  [
    'emoji',
    24,
    (v) =>
      v.pick([
        () => t`🔥🔥 urgent 🚨 prod key leaked: ${KEY(v.githubClassic())} 😱 rotate pls`,
        () => t`👋 hi! 😊 my email is ${EMAIL(v.email())} 📧 and phone ${PHONE(v.usPhone())} 📱`,
        () => t`💳 ${CC(v.card())} ← is this a valid card format? 🤔`,
        () => t`🏳️‍🌈👨‍👩‍👧‍👦 family plan: bill to IBAN ${IBAN(v.iban())} 🙏`,
        () => t`𠮷野家 (the 𠮷 is outside the BMP) 注文 → 連絡先 ${EMAIL(v.email())}`,
        () => t`🧑🏽‍💻 SSN for onboarding: ${SSN(v.ssn())} ✅`,
        () => t`📍 server ${IP(v.ipv4Public())} 🔴 down, ${IP(v.ipv4Private())} 🟢 up`,
        () => t`😀😃😄😁😆😅🤣😂 token=${KEY(v.slackBot())}`,
        () => t`🇬🇧 NHS number ${NHS(v.nhs())} 🏥 ward 4`,
        () => t`🇮🇳 Aadhaar ${AADHAAR(v.aadhaar())} 🪪 verified?`,
        () => t`🏦 routing # ${ABA(v.routing())} 💵 acct ${v.digits(10)}`,
        () => t`한국어 메모: 담당자 이메일 ${EMAIL(v.email())}, 카드 ${CC(v.card())}`,
      ])(),
  ],
];
