import { nameWords, type NameWord } from './name-words.js';

/**
 * A small table of names written in several common ways: each line is one name, in Arabic script and in
 * the Latin spellings found on Iraqi and Syrian documents and in humanitarian registration lists. Spellings
 * that fold to the same sound need not all be listed (Mohammed and Mohammad fold alike). A name in the
 * table is matched by its line, so that names sharing a consonant skeleton stay apart (Hasan and Hussein
 * are both h-s-n) and one written in Arabic script matches its Latin spellings. Names not in the table,
 * most Kurdish names among them, are compared letter by letter (`name-compare.ts`).
 */
const VARIANTS = `
محمد | Mohammed Muhammad Mohamed Mohamad Muhamad Mohamud Mehemed Mihemed Muhemed Mohamad
أحمد | Ahmed Ahmad Ehmed Ahmet
علي | Ali Aly Eli
علاء | Alaa Ala
حسين | Hussein Husain Hussain Husayn Hossein Husein Hussien Huseyn Husen
حسن | Hasan Hassan Hesen Hasen
عمر | Omar Umar Omer
عثمان | Othman Uthman Osman Usman
خالد | Khalid Khaled Xalid
خليل | Khalil Khaleel Xelil
إبراهيم | Ibrahim Ebrahim Ibraheem Ibrahem Brahim
يوسف | Yousif Yusuf Yousef Yusif Youssef Yousuf
عبد الله | Abdullah Abdallah Abdulla Abdalla Abdellah
عبد الرحمن | Abdulrahman Abdurrahman Abdelrahman Abdalrahman Abdurahman
عبد الكريم | Abdulkarim Abdelkarim Abdulkareem
مصطفى | Mustafa Mostafa Mustapha Moustafa Mistefa
محمود | Mahmoud Mahmud Mahmood Mehmud
جاسم | Jasim Jassim Jasem
قاسم | Qasim Kasim Qassim Kassem Gasim
كريم | Karim Kareem Kerim
سعيد | Saeed Said Saied Seid
صالح | Salih Saleh
صلاح | Salah Slah
زينب | Zainab Zeinab Zaynab Zenab
فاطمة | Fatima Fatimah Fatma Fatme
عائشة | Aisha Aysha Ayesha Aicha
مريم | Maryam Mariam Meryem Miriam
خديجة | Khadija Khadeeja Khadijah Xedice
نور | Nour Noor Nur
هدى | Huda Hoda Houda
سارة | Sara Sarah
ليلى | Layla Leila Laila Leyla
رقية | Ruqaya Ruqayya Roqaya
حيدر | Haider Haidar Hayder Heyder
عباس | Abbas Abas
جعفر | Jaafar Jafar Jaffar
كاظم | Kadhim Kazim Kathim Kadhem Kazem
ناظم | Nadhim Nazim Nathim
رشيد | Rashid Rasheed Reshid
سليمان | Suleiman Sulaiman Sulayman Suleyman Sileman
داود | Dawood Dawud Daoud Dawod Dawid
إسماعيل | Ismail Ismael Esmail
عيسى | Isa Eesa Issa
موسى | Musa Moussa Mousa
يونس | Younis Yunus Younes Yunis
طه | Taha
ياسين | Yasin Yaseen Yassin Yassine
أمين | Amin Ameen Emin
حميد | Hamid Hameed Hemid
سلمى | Salma Selma
نادية | Nadia Nadiya Nadya
سعاد | Suad Souad
جميلة | Jamila Jameela Cemile
أسماء | Asma Asmaa Esma
إيمان | Iman Eman Imane
شيماء | Shaima Shaymaa Shaimaa
بشرى | Bushra Boushra
هاشم | Hashim Hashem
ابو بكر | Abubakr Abubakar
الجبوري | Jubouri Juburi Jbouri Jibouri
الدليمي | Dulaimi Dulaymi Dleimi Dlaimi
العبيدي | Obaidi Ubaidi Obeidi
الشمري | Shammari Shamari
التميمي | Tamimi
الحسيني | Husseini Husaini Hosseini
الموسوي | Mousawi Musawi Moussawi
`;

/** Where a word is found in the table: the Arabic spelling or the Latin sound of one of its spellings. */
function keyOf(written: string): string | undefined {
  const words = nameWords(written);
  if (words.length !== 1) return undefined;
  const [w] = words;
  return `${w.script}:${w.script === 'arabic' ? w.spelling : w.sound}`;
}

interface VariantTable {
  /** from a spelling's key to the name of its line: the line's Arabic spelling, folded */
  nameOf: Map<string, string>;
  /** keys two lines claim: a table error, reported by the tests */
  clashes: string[];
}

function buildTable(): VariantTable {
  const nameOf = new Map<string, string>();
  const clashes: string[] = [];
  for (const line of VARIANTS.trim().split('\n')) {
    const [arabic, latin] = line.split('|').map((s) => s.trim());
    const name = nameWords(arabic)[0].spelling;
    for (const spelling of [arabic, ...latin.split(/\s+/)]) {
      const key = keyOf(spelling);
      if (key === undefined) continue;
      const other = nameOf.get(key);
      if (other !== undefined && other !== name) clashes.push(`${spelling} (${other} and ${name})`);
      nameOf.set(key, name);
    }
  }
  return { nameOf, clashes };
}

const table = buildTable();

/** The name a word is a spelling of, when the table has it: its Arabic spelling, folded. */
export function tableName(w: NameWord): string | undefined {
  return table.nameOf.get(`${w.script}:${w.script === 'arabic' ? w.spelling : w.sound}`);
}

/** Spellings the table gives to two different names (should be none). */
export function variantTableClashes(): readonly string[] {
  return table.clashes;
}
