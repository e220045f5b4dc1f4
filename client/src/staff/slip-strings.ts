import type { InviteLanguage } from '@kodbro/server/contracts';

/**
 * The few lines printed on a candidate's slip, in each interface language.
 * Kept here, in the staff chunk, rather than in the candidates' locale files:
 * only staff print slips, so no candidate downloads these bytes, and one
 * small table keeps every language of one slip side by side for review.
 * Not yet reviewed by native speakers (README, "Translations").
 */
export interface SlipText {
  title: string;
  /** Scan the code with the phone's camera. */
  scan: string;
  /** Or open the site and type the code; `{{site}}` is the address. */
  type: string;
  code: string;
  /** No account or password is needed. */
  noAccount: string;
}

export const SLIP_TEXT: Record<InviteLanguage, SlipText> = {
  en: {
    title: 'Your programming test',
    scan: 'Scan the square code with your phone camera to open your test.',
    type: 'Or open {{site}} and type your code:',
    code: 'Your code',
    noAccount: 'No account or password is needed. The timer starts only when you press Start.',
  },
  sv: {
    title: 'Ditt programmeringsprov',
    scan: 'Skanna den fyrkantiga koden med mobilens kamera för att öppna provet.',
    type: 'Eller öppna {{site}} och skriv din kod:',
    code: 'Din kod',
    noAccount: 'Du behöver inget konto eller lösenord. Tiden börjar först när du trycker på Starta.',
  },
  ar: {
    title: 'اختبار البرمجة الخاص بك',
    scan: 'امسح الرمز المربع بكاميرا هاتفك لفتح الاختبار.',
    type: 'أو افتح {{site}} واكتب رمزك:',
    code: 'رمزك',
    noAccount: 'لا تحتاج إلى حساب أو كلمة مرور. يبدأ المؤقت فقط عندما تضغط على «ابدأ».',
  },
  prs: {
    title: 'آزمون برنامه‌نویسی شما',
    scan: 'کد مربعی را با کمرهٔ تیلفون خود اسکن کنید تا آزمون باز شود.',
    type: 'یا {{site}} را باز کنید و کد خود را بنویسید:',
    code: 'کد شما',
    noAccount: 'به حساب یا رمز عبور نیاز ندارید. زمان تنها وقتی آغاز می‌شود که «شروع» را فشار دهید.',
  },
  ti: {
    title: 'ፈተና ፕሮግራሚንግኩም',
    scan: 'ፈተናኹም ንምኽፋት ነቲ ኣርባዕተ ኩርናዕ ዘለዎ ኮድ ብካሜራ ሞባይልኩም ስካን ግበሩ።',
    type: 'ወይ {{site}} ክፈቱ እሞ ኮድኩም ጽሓፉ፦',
    code: 'ኮድኩም',
    noAccount: 'ኣካውንት ወይ መሕለፊ ቃል ኣየድልን። ሰዓት ዝጅምር «ጀምሩ» ምስ ጠወቕኩም ጥራይ እዩ።',
  },
  uk: {
    title: 'Ваш тест із програмування',
    scan: 'Відскануйте квадратний код камерою телефона, щоб відкрити тест.',
    type: 'Або відкрийте {{site}} і введіть свій код:',
    code: 'Ваш код',
    noAccount: 'Обліковий запис і пароль не потрібні. Час починається лише тоді, коли ви натиснете «Почати».',
  },
};

/** Right-to-left languages among them (the slip's block in that language is mirrored). */
export const RTL_SLIP_LANGUAGES: ReadonlySet<InviteLanguage> = new Set(['ar', 'prs']);
